// The shapes our search scripts share (docs/assets/search/): the index files hooks/studysite/search/
// searchindex.py writes, what words.js, indexfiles.js and engine.js hand header.js and find.js as
// window.StudySearch, and what findlist.js hands find.js as window.StudyFind.

/** meta.json: the sizes the reader needs to find the other files; find is the 检索 page's address. */
interface SearchMeta {
  format: number;
  documents: number;
  shards: number;
  positions: number;
  find: string;
}

/** shards/N.json and positions/N.json: piece (or pair) → its postings as varints. */
type SearchShard = Record<string, string>;

/** text/N.json: one page's address, title, 文号 and sections [anchor, title, text]. */
interface SearchPage {
  u: string;
  t: string;
  n?: string;
  s: [string, string, string][];
}

/** heads.json: every page's address, title and 文号 (by document number). */
interface SearchHeads {
  u: string[];
  t: string[];
  n: Record<number, string>;
}

/** catalogue.json as written: facets with their values, and per facet and per date the varint columns. */
interface SearchCatalogueData {
  facets: { key: string; label: string; values: string[]; names?: string[] }[];
  columns: Record<string, string>;
  dates: string;
}

/** A filter of the 检索 page: its values (as the address holds them), their names, and cells[doc]. */
interface SearchFacet {
  key: string;
  label: string;
  values: string[];
  names: string[];
  cells: number[][];
}

/** catalogue.json as read: per page its facts (days[doc] since 1970, NaN without a date). */
interface SearchCatalogue {
  documents: number;
  days: Float64Array;
  facets: SearchFacet[];
  byKey: Record<string, SearchFacet>;
}

/** Every page that holds every word of a query, best first: ranked is [[doc, score], …]. */
interface SearchMatch {
  terms: string[];
  ranked: [number, number][];
}

/** What a result shows (Engine.describe), with its score once Engine.search ranks it. */
interface SearchResult {
  doc: number;
  url: string;
  title: string;
  number: string;
  anchor: string;
  section: string;
  titleHtml: string;
  sectionHtml: string;
  excerptHtml: string;
  score?: number;
}

/** An error of a piece of the index that cannot be loaded: a reader is told, not shown “no results”. */
interface SearchError extends Error {
  unreachable?: boolean;
}

/** A path of the index ("shards/12") → its data. */
type SearchLoader = (path: string) => Promise<any>;

interface SearchEngine {
  base: string;
  loader: SearchLoader;
  cache: Record<string, Promise<any>>;
  postings: Record<string, Map<number, any>>;
  matches: Map<string, Promise<SearchMatch>>;
  catalogueData: Promise<SearchCatalogue> | null;
  headsData: Promise<SearchHeads> | null;
  headsNow: SearchHeads | null;
  get(path: string): Promise<any>;
  meta(): Promise<SearchMeta>;
  counts(meta: SearchMeta, piece: string): Promise<Map<number, number>>;
  positions(meta: SearchMeta, pair: string): Promise<Map<number, number[]>>;
  termScores(meta: SearchMeta, term: string): Promise<Map<number, number>>;
  match(query: string): Promise<SearchMatch>;
  describe(doc: number, terms: string[]): Promise<SearchResult>;
  heads(): Promise<SearchHeads>;
  catalogue(): Promise<SearchCatalogue>;
  search(query: string, limit: number): Promise<{ results: SearchResult[]; total: number; terms: string[] }>;
}

/** What words.js adds to window.StudySearch: the query's words and where they stand in a text. */
interface StudySearchWords {
  fold(text: string): string;
  tokensOf(word: string): string[];
  termsOf(query: string): string[];
  piecesOf(term: string): string[];
  coverOf(term: string): [string, number][];
  findIn(folded: string, term: string, from: number): number;
  mark(text: string, terms: string[], from?: number, to?: number): string;
  excerpt(text: string, terms: string[], width: number): string;
  escapeHtml(text: string): string;
  highlight(within: Element, terms: string[]): number;
}

/** What indexfiles.js adds: the index's files loaded and decoded. */
interface StudySearchIndexFiles {
  readVarints(text: string): number[];
  shardOf(piece: string, shards: number): number;
  loaderFor(base: string): SearchLoader;
  fetchLoader(base: string): SearchLoader;
  scriptLoader(base: string): SearchLoader;
  load(path: string, data: unknown): void;
  countsOf(postings: string): Map<number, number>;
  positionsOf(postings: string): Map<number, number[]>;
  catalogueOf(documents: number, data: SearchCatalogueData): SearchCatalogue;
}

/** window.StudySearch once words.js, indexfiles.js and engine.js have run (header.js loads them in order). */
interface StudySearchApi extends StudySearchWords, StudySearchIndexFiles {
  Engine: new (base: string, loader?: SearchLoader) => SearchEngine;
  shared(): SearchEngine;
}

/** The search scripts' one global (window.StudySearch): header.js loads them before it is used. */
declare var StudySearch: StudySearchApi;

/** What the 检索 page's address holds: the query, the chosen values by facet, the sort ("", "relevance",
 * "date" or "number"), the page. */
interface FindState {
  q: string;
  chosen: Record<string, string[]>;
  sort: string;
  page: number;
}

/** What findlist.js hands find.js as window.StudyFind: the 检索 page's list without the page. */
interface StudyFindApi {
  PER_PAGE: number;
  FACETS: string[];
  readUrl(href: string): FindState;
  urlOf(s: FindState): string;
  narrow(catalogue: SearchCatalogue, docs: number[], s: FindState): { kept: number[]; counts: number[][] };
  ordered(catalogue: SearchCatalogue, kept: number[], how: string, heads: SearchHeads | null): number[];
  lineOf(catalogue: SearchCatalogue, doc: number, number?: string): string;
  summary(s: FindState, found: SearchMatch | null, total: number, kept: number, from: number, to: number): string;
}

/** findlist.js's global, there on the 检索 page before find.js runs. */
declare var StudyFind: StudyFindApi;

/** What Material uses of the search worker it starts: header.js answers in the page with this host. */
interface SearchHost extends EventTarget {
  postMessage(message: MaterialSearchMessage): void;
  terminate(): void;
}
