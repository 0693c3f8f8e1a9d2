// The shapes our search scripts share (docs/assets/search/): the index files hooks/studysite/search/
// searchindex.py writes, and what engine.js hands header.js and find.js as window.StudySearch.

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

/** What engine.js hands the other scripts. */
interface StudySearchApi {
  Engine: new (base: string, loader?: SearchLoader) => SearchEngine;
  shared(): SearchEngine;
  load(path: string, data: unknown): void;
  loaderFor(base: string): SearchLoader;
  fetchLoader(base: string): SearchLoader;
  scriptLoader(base: string): SearchLoader;
  termsOf(query: string): string[];
  piecesOf(term: string): string[];
  coverOf(term: string): [string, number][];
  shardOf(piece: string, shards: number): number;
  readVarints(text: string): number[];
  fold(text: string): string;
  findIn(folded: string, term: string, from: number): number;
  mark(text: string, terms: string[], from?: number, to?: number): string;
  escapeHtml(text: string): string;
  highlight(within: Element, terms: string[]): number;
}

/** engine.js's one global (window.StudySearch), there once engine.js has run: header.js loads it first. */
declare var StudySearch: StudySearchApi;

/** What Material uses of the search worker it starts: header.js answers in the page with this host. */
interface SearchHost extends EventTarget {
  postMessage(message: MaterialSearchMessage): void;
  terminate(): void;
}
