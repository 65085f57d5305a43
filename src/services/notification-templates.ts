/**
 * A route's own templates for its messages' titles and texts, in Liquid (LiquidJS: made for
 * templates written by people other than the program's authors). What a key writes runs on this
 * server, so each template is bounded: its length, the time and memory one rendering may take, the
 * output kept; it reads only the message's own fields (no files, no prototypes). Values are escaped
 * for the medium they go into as they are written out; the template's own text is its author's.
 */
import { Liquid, type Template } from 'liquidjs';

/** The longest template a route may hold. */
export const TEMPLATE_MAX_CHARS = 4_000;
/** The longest text one rendering keeps (a card's or an email's), cut with an ellipsis beyond. */
const OUTPUT_MAX_CHARS = 8_000;

const LIMITS = {
  parseLimit: TEMPLATE_MAX_CHARS,
  renderLimit: 200,
  memoryLimit: 1_000_000,
} as const;

/** Escapes a value for the medium it is written into (plain text: as it is). */
export type Escape = (text: string) => string;
const plain: Escape = (text) => text;

interface Engine {
  liquid: Liquid;
  /** Parsed templates by their text: escaping is woven in as a template is parsed, so each medium keeps its own. */
  parsed: Map<string, Template[]>;
}

const engines = new Map<Escape, Engine>();
function parse(text: string, escape: Escape): { liquid: Liquid; templates: Template[] } {
  let engine = engines.get(escape);
  if (!engine) {
    engine = {
      liquid: new Liquid({
        // No file is ever read: include, render and layout find only this (empty) map.
        templates: {},
        ownPropertyOnly: true,
        strictFilters: true,
        outputEscape: escape === plain ? undefined : (value: unknown) => escape(String(value ?? '')),
        ...LIMITS,
      }),
      parsed: new Map(),
    };
    engines.set(escape, engine);
  }
  let templates = engine.parsed.get(text);
  if (!templates) {
    if (text.length > TEMPLATE_MAX_CHARS) throw new Error(`it is longer than ${TEMPLATE_MAX_CHARS} characters`);
    templates = engine.liquid.parse(text);
    // Bounded: policies hold few templates, but they can change often.
    if (engine.parsed.size >= 500) engine.parsed.clear();
    engine.parsed.set(text, templates);
  }
  return { liquid: engine.liquid, templates };
}

/** Renders a template on a message's fields, values escaped for the medium. Throws where the template does not parse or overruns its limits. */
export function renderTemplate(text: string, context: object, escape: Escape = plain): string {
  const { liquid, templates } = parse(text, escape);
  const rendered = String(liquid.renderSync(templates, context, { templateLimit: 20_000 }));
  return rendered.length > OUTPUT_MAX_CHARS ? `${rendered.slice(0, OUTPUT_MAX_CHARS - 1)}…` : rendered;
}

/** Why a template cannot be used on the given fields, or null. */
export function templateProblem(text: string, sample: object): string | null {
  try {
    renderTemplate(text, sample);
    return null;
  } catch (error) {
    return `The template does not work: ${error instanceof Error ? error.message : String(error)}`;
  }
}
