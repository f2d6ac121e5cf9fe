// A Word document (.docx) → its text, one paragraph a line (mammoth's raw text, which separates paragraphs by blank lines).
import mammoth from 'mammoth';
import { messageOf } from '../errors.js';
import { ImportError } from './errors.js';

/**
 * The paragraphs of a .docx, one a line.
 * @example (await docxText(readFileSync('hearing.docx'), 'hearing.docx')).split('\n')[0] // the title
 */
export async function docxText(bytes: Buffer, file: string): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    return value
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n');
  } catch (error) {
    throw new ImportError([`${file}: cannot read it as a Word document (.docx): ${messageOf(error).split('\n')[0]}`]);
  }
}
