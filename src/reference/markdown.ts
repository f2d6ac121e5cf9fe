// The quick reference as Markdown, for staff who paste it into documents: the same sections as the page, in the same order.
import { escapeMarkdown as md } from './escape.js';
import type { ReferenceModel } from './model.js';
import type { PageOptions } from './page.js';
import { DEFAULT_SECTIONS } from './sections.js';

/**
 * Renders the whole reference as Markdown; takes the same section list as the page so both stay in step.
 * @example writeFileSync('dist/quick-reference.md', renderReferenceMarkdown(buildReferenceModel(hearing, glossary)));
 */
export function renderReferenceMarkdown(model: ReferenceModel, options: PageOptions = {}): string {
  const sections = (options.sections ?? DEFAULT_SECTIONS).flatMap((build) => build(model));
  const { hearing } = model;
  const parts = [
    `# ${md(hearing.title)}`,
    md(`${model.meeting.before}${model.meeting.date?.text ?? ''}${model.meeting.after}`),
    ...sections.map((s) => `## ${md(s.title)}\n\n${s.markdown}`),
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
