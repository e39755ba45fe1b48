/**
 * Writes a synthetic knowledge base for the search and build benchmarks: pt-BR and Italian articles
 * whose text comes from a word-level Markov chain (order 2) trained on our own articles in that
 * language, so word frequencies and phrasing follow real usage. Front matter is valid (topics and
 * departments from support.yaml, one translationKey per article pair, symptoms and errors on most
 * articles as editors write them), lengths vary like real articles. It writes into the folder it is given, never into content/.
 *
 *   node bench/synthetic-kb.ts --out /tmp/kb --per-language 1000 [--seed 7]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

/** Deterministic random numbers (mulberry32): the same seed writes the same KB. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

interface SourceArticle {
  body: string;
  errors: string[];
}

/** Our own articles in one language: the MDX body (front matter cut off) and the errors they list. */
export function readArticles(contentDir: string, segment: string): SourceArticle[] {
  const dir = path.join(contentDir, segment);
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      const front = (match ? parseYaml(match[1] ?? '') : {}) as { errors?: string[] };
      return { body: match?.[2] ?? text, errors: front.errors ?? [] };
    });
}

/**
 * Prose of an MDX body as sentences of words: code, tables, components, link targets and markup go;
 * characters MDX would read as syntax (braces, angle brackets, backticks) never reach the chain.
 */
export function proseSentences(body: string): string[][] {
  const text = body
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split('\n')
    .filter((line) => !/^\s*\|/.test(line))
    .map((line) => line.replace(/^\s*#+\s+/, '').replace(/^\s*(?:[-*]|\d+\.)\s+/, ''))
    .join('\n')
    .replace(/[`*_{}<>|\\[\]#]/g, ' ');
  const sentences: string[][] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let sentence: string[] = [];
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      sentence.push(word);
      if (/[.!?:]$/.test(word) && sentence.length >= 3) {
        sentences.push(sentence);
        sentence = [];
      }
    }
    if (sentence.length >= 3) sentences.push([...sentence.slice(0, -1), `${sentence.at(-1)!.replace(/[,;:]$/, '')}.`]);
  }
  return sentences;
}

/** A word-level Markov chain of order 2: the next word depends on the two before it. */
export class MarkovChain {
  readonly #next = new Map<string, string[]>();
  readonly #starts: [string, string][] = [];
  readonly vocabulary = new Set<string>();

  constructor(sentences: readonly string[][]) {
    for (const sentence of sentences) {
      if (sentence.length < 3) continue;
      this.#starts.push([sentence[0]!, sentence[1]!]);
      for (let i = 0; i + 2 < sentence.length; i++) {
        const key = `${sentence[i]}\u0001${sentence[i + 1]}`;
        const list = this.#next.get(key);
        if (list) list.push(sentence[i + 2]!);
        else this.#next.set(key, [sentence[i + 2]!]);
      }
      for (const word of sentence) this.vocabulary.add(word);
    }
    if (!this.#starts.length) throw new Error('the Markov chain needs at least one sentence of three words to learn from');
  }

  /** One sentence of at most `maxWords` words, ending where a learned sentence ended. */
  sentence(random: () => number, maxWords = 40): string[] {
    const [a, b] = pick(this.#starts, random);
    const words = [a, b];
    while (words.length < maxWords) {
      const options = this.#next.get(`${words.at(-2)}\u0001${words.at(-1)}`);
      if (!options) break;
      const word = pick(options, random);
      words.push(word);
      if (/[.!?]$/.test(word)) return words;
    }
    words[words.length - 1] = `${words.at(-1)!.replace(/[,;:.!?]+$/, '')}.`;
    return words;
  }
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function slugify(words: string[]): string {
  return fold(words.join(' '))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A phrase of `min` to `max` characters cut at a word boundary, without a trailing sentence mark. */
function phrase(chain: MarkovChain, random: () => number, min: number, max: number, words: number): string {
  for (;;) {
    let text = chain.sentence(random, words).join(' ');
    while (text.length < min) text += ` ${chain.sentence(random, words).join(' ')}`;
    if (text.length > max) text = text.slice(0, max).replace(/\s+\S*$/, '');
    text = text.replace(/[,;:.!?]+$/, '').trim();
    if (text.length >= min) return capitalize(text);
  }
}

/** Lengths spread like real articles: log-normal around `median` words, clamped. */
function articleLength(random: () => number, median: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(Math.min(3000, Math.max(120, median * Math.exp(0.6 * normal))));
}

/** MDX reads a paragraph starting with import/export as JavaScript. */
const safeParagraph = (text: string) => (/^(import|export)\b/i.test(text) ? `Nota: ${text}` : text);

function articleBody(chain: MarkovChain, random: () => number, words: number): string {
  const blocks: string[] = [];
  let written = 0;
  let sinceHeading = 0;
  while (written < words) {
    if (sinceHeading > 120 + random() * 200) {
      blocks.push(`## ${phrase(chain, random, 12, 60, 9)}`);
      sinceHeading = 0;
    }
    const roll = random();
    if (roll < 0.15) {
      const items = 3 + Math.floor(random() * 4);
      const numbered = random() < 0.5;
      const lines: string[] = [];
      for (let i = 0; i < items; i++) {
        const sentence = chain.sentence(random, 25);
        written += sentence.length;
        lines.push(`${numbered ? `${i + 1}.` : '-'} ${safeParagraph(capitalize(sentence.join(' ')))}`);
      }
      blocks.push(lines.join('\n'));
    } else {
      const sentences: string[] = [];
      const count = 2 + Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const sentence = chain.sentence(random);
        written += sentence.length;
        sinceHeading += sentence.length;
        sentences.push(capitalize(sentence.join(' ')));
      }
      blocks.push(safeParagraph(sentences.join(' ')));
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

interface SupportYaml {
  departments: { key: string; topics: { key: string }[] }[];
}

export interface SyntheticKbOptions {
  /** Folder to write: `support.yaml`, `pt-br/*.mdx`, `it/*.mdx`. Must not be the real content folder. */
  outDir: string;
  perLanguage: number;
  /** Where our own articles and support.yaml are read from. Default `content`. */
  contentDir?: string;
  seed?: number;
}

export interface SyntheticKbSummary {
  outDir: string;
  perLanguage: number;
  articles: number;
  words: Record<string, number>;
  vocabulary: Record<string, number>;
  bytes: number;
}

const languages = [
  { segment: 'pt-br', lang: 'pt-BR' },
  { segment: 'it', lang: 'it' },
] as const;

/** Writes the synthetic KB and says how much text it holds. */
export function writeSyntheticKb(options: SyntheticKbOptions): SyntheticKbSummary {
  const contentDir = path.resolve(options.contentDir ?? 'content');
  const outDir = path.resolve(options.outDir);
  if (outDir === contentDir || outDir.startsWith(contentDir + path.sep)) throw new Error(`refusing to write a synthetic KB into ${contentDir}`);
  const random = seededRandom(options.seed ?? 7);
  const support = parseYaml(readFileSync(path.join(contentDir, 'support.yaml'), 'utf8')) as SupportYaml;
  mkdirSync(outDir, { recursive: true });
  copyFileSync(path.join(contentDir, 'support.yaml'), path.join(outDir, 'support.yaml'));
  // Most tickets are technical: weigh departments roughly like our own articles.
  const departmentWeights: Record<string, number> = { technical: 0.75, billing: 0.15, sales: 0.1 };

  const summary: SyntheticKbSummary = { outDir, perLanguage: options.perLanguage, articles: 0, words: {}, vocabulary: {}, bytes: 0 };
  for (const { segment, lang } of languages) {
    const sources = readArticles(contentDir, segment);
    const chain = new MarkovChain(sources.flatMap((a) => proseSentences(a.body)));
    const errors = [...new Set(sources.flatMap((a) => a.errors))];
    const median = sources.reduce((sum, a) => sum + a.body.split(/\s+/).length, 0) / sources.length;
    const dir = path.join(outDir, segment);
    mkdirSync(dir, { recursive: true });
    summary.words[lang] = 0;
    summary.vocabulary[lang] = chain.vocabulary.size;
    const slugs = new Set<string>();
    for (let i = 0; i < options.perLanguage; i++) {
      const title = phrase(chain, random, 12, 80, 12);
      const description = phrase(chain, random, 60, 200, 30);
      let draw = random();
      const department = support.departments.find((d) => (draw -= departmentWeights[d.key] ?? 0) < 0) ?? support.departments[0]!;
      const topics = [...new Set([pick(department.topics, random).key, ...(random() < 0.3 ? [pick(department.topics, random).key] : [])])];
      const articleErrors = random() < 0.25 ? [...new Set([pick(errors, random), pick(errors, random)])].slice(0, 1 + Math.floor(random() * 2)) : [];
      // Most real articles list how customers put the problem: short phrases, searched, never shown.
      const symptoms = random() < 0.8 ? [...new Set(Array.from({ length: 2 + Math.floor(random() * 7) }, () => phrase(chain, random, 12, 60, 8).toLowerCase()))] : [];
      const words = articleLength(random, median);
      const body = articleBody(chain, random, words);
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 1050) * 86_400_000).toISOString().slice(0, 10);
      let slug = `${slugify(title.split(' ').slice(0, 6)) || 'artigo'}-${i}`;
      while (slugs.has(slug)) slug += 'x';
      slugs.add(slug);
      const front = [
        '---',
        `title: ${JSON.stringify(title)}`,
        `description: ${JSON.stringify(description)}`,
        `language: ${lang}`,
        `translationKey: synthetic-${String(i).padStart(5, '0')}`,
        `kind: ${random() < 0.8 ? 'howto' : 'policy'}`,
        `department: ${department.key}`,
        `topics: [${topics.join(', ')}]`,
        ...(articleErrors.length ? ['errors:', ...articleErrors.map((e) => `  - ${JSON.stringify(e)}`)] : []),
        ...(symptoms.length ? ['symptoms:', ...symptoms.map((e) => `  - ${JSON.stringify(e)}`)] : []),
        `updated: ${day}`,
        '---',
        '',
      ].join('\n');
      const file = front + body;
      writeFileSync(path.join(dir, `${slug}.mdx`), file);
      summary.words[lang] += body.split(/\s+/).length;
      summary.bytes += Buffer.byteLength(file);
      summary.articles += 1;
    }
  }
  return summary;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'per-language': { type: 'string', default: '1000' }, seed: { type: 'string', default: '7' } } });
  if (!values.out) {
    console.error('usage: node bench/synthetic-kb.ts --out <folder> [--per-language 1000] [--seed 7]');
    process.exit(1);
  }
  const summary = writeSyntheticKb({ outDir: values.out, perLanguage: Number(values['per-language']), seed: Number(values.seed) });
  console.log(JSON.stringify(summary, null, 2));
}
