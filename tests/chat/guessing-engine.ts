// A real engine that, for a few given messages, offers given likely items as guesses: for testing 「你是不是想问」.
import { cleanMessage } from '../../src/chat/intent.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';

/**
 * The engine, except that `consult(text)` for a text in `guesses` returns no answer and those ids as guesses (the
 * engine's own guessing is tuned elsewhere; the chat's handling of guesses is what these tests check).
 * @example guessingEngine(new Map([['人才这块有什么打算', ['q12', 'q14', 'q9']]])).consult('人才这块有什么打算')
 */
export function guessingEngine(guesses: ReadonlyMap<string, readonly string[]>, engine = loadEngine()): SearchEngine {
  // The conversation hands over the message as cleaned (width folded: ， becomes ,).
  const byText = new Map([...guesses].map(([text, ids]) => [cleanMessage(text), ids]));
  const consult: SearchEngine['consult'] = (text, options) => {
    const ids = byText.get(cleanMessage(text));
    if (!ids) return engine.consult(text, options);
    const hits = ids.map((id, i) => {
      const entry = engine.entries.find((e) => e.id === id);
      if (!entry) throw new Error(`guessingEngine: no entry ${id} in the hearing`);
      return { entry, match: 'guess' as const, score: ids.length - i, coverage: 0.5 };
    });
    return { answers: [], guesses: hits, people: [] };
  };
  // Methods read the engine's private fields: they must run on the engine itself, not on the proxy.
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'consult') return consult;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
