import MarkdownIt from 'markdown-it';

/**
 * Minutes are written in Markdown and shown as HTML. HTML typed into them is shown as text, never run
 * (`html: false`), and markdown-it refuses javascript:, vbscript: and data: links, so minutes cannot carry
 * a script to their readers.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function minutesHtml(text: string): string {
  return markdown.render(text);
}
