/**
 * The document writer: puts rendered sections into BENCHMARKS.md between their markers
 * (`<!-- name:start -->` … `<!-- name:end -->`) and their charts into bench/charts/, leaving every
 * other byte of the document as it was.
 * @module
 */
import { type Chart, svg } from "./charts.ts";
import { root } from "./runtimes.ts";

/** One marked section of the document, with the chart it shows. */
export interface Section {
  readonly name: string;
  readonly body: string;
  /** Written to bench/charts/<file>.svg. */
  readonly chart?: { readonly file: string; readonly chart: Chart };
  /**
   * "print": where the document has no markers for it yet, print the section for pasting instead
   * of appending it (the lease table sits under its own heading, unmarked).
   */
  readonly unmarked?: "print";
}

/**
 * Writes `sections` (or prints them, with `dryRun`). `frame`, a section that holds others, goes in
 * first when the document lacks it, so that a new document reads in the intended order.
 */
export async function writeDocument(
  sections: readonly Section[],
  options: { readonly frame?: Section | undefined; readonly dryRun: boolean },
): Promise<void> {
  if (options.dryRun) {
    for (const { name, body } of sections) console.log(`<!-- ${name} -->\n${body}\n`);
    return;
  }
  const path = `${root}BENCHMARKS.md`;
  const charts = `${root}bench/charts`;
  let doc = await Deno.readTextFile(path).catch(() => "# Benchmarks\n");
  const { frame } = options;
  if (frame !== undefined && !hasSection(doc, frame.name)) doc = replaceSection(doc, frame.name, frame.body);
  const written: Section[] = [];
  for (const section of sections) {
    if (section.unmarked === "print" && !hasSection(doc, section.name)) {
      console.log(section.body);
      console.error(`bench: BENCHMARKS.md has no <!-- ${section.name}:start --> marker: the section above is for pasting`);
      continue;
    }
    doc = replaceSection(doc, section.name, section.body);
    written.push(section);
  }
  if (written.length === 0) return;
  await Deno.writeTextFile(path, doc);
  const drawn = written.flatMap((s) => (s.chart === undefined ? [] : [s.chart]));
  await Deno.mkdir(charts, { recursive: true });
  for (const { file, chart } of drawn) await Deno.writeTextFile(`${charts}/${file}.svg`, await svg(chart));
  console.error(`bench: wrote BENCHMARKS.md (${written.map((s) => s.name).join(", ")}) and ${drawn.length} chart(s) in bench/charts/`);
}

function hasSection(doc: string, name: string): boolean {
  return doc.includes(`<!-- ${name}:start -->`);
}

/**
 * Puts `body` between `<!-- name:start -->` and `<!-- name:end -->` in `doc`; appends the marked
 * section at the end when the markers are not there yet.
 */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) return `${doc.trimEnd()}\n\n${start}\n${body.trim()}\n${end}\n`;
  return `${doc.slice(0, i + start.length)}\n${body.trim()}\n${doc.slice(j)}`;
}
