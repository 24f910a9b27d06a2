/**
 * The prose of BENCHMARKS.md lives in bench/templates/*.md, so that it reads and diffs as Markdown
 * and the code only computes the figures. A template is plain text with `{{name}}` holes; a file
 * may hold several named parts, each opened by a line `<!-- part: name -->` (a file with no such
 * line is one part, `main`). One final line break of a part is not part of it.
 * @module
 */

const cache = new Map<string, Map<string, string>>();

/** The parts of bench/templates/<file>.md, read once. */
function partsOf(file: string): Map<string, string> {
  let parts = cache.get(file);
  if (parts !== undefined) return parts;
  const text = Deno.readTextFileSync(new URL(`../templates/${file}.md`, import.meta.url));
  parts = new Map();
  const pieces = text.split(/^<!-- part: ([\w-]+) -->\n/m);
  // Text before the first part line is the whole template when the file has no part lines.
  if (pieces.length === 1) parts.set("main", strip(text));
  for (let i = 1; i < pieces.length; i += 2) parts.set(pieces[i]!, strip(pieces[i + 1]!));
  cache.set(file, parts);
  return parts;
}

const strip = (text: string): string => (text.endsWith("\n") ? text.slice(0, -1) : text);

/**
 * Part `part` of template `file` with its holes filled. A hole with no value, or a value with no
 * hole, throws: a renamed placeholder must not leave `{{x}}` in the document or a figure out of it.
 */
export function fill(file: string, part: string, values: Readonly<Record<string, string | number>>): string {
  const text = partsOf(file).get(part);
  if (text === undefined) throw new Error(`bench/templates/${file}.md has no part "${part}"`);
  const used = new Set<string>();
  const out = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`bench/templates/${file}.md (${part}): no value for {{${name}}}`);
    used.add(name);
    return String(v);
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`bench/templates/${file}.md (${part}): no {{${unused.join("}}, {{")}}} for these values`);
  return out;
}
