// The few globals of Material for MkDocs (9.8) our scripts touch, declared here so the type check needs
// none of Material's own types. overrides/assets/javascripts/study-base.js defines them (Material's inline
// start-up script as a file); Material's bundle and study-tabs.js read them.

/** The site's root address: what Material's local storage keys are prefixed with. */
declare var __md_scope: URL;
/** A string's hash, as Material computes it (for its cached search index and palette). */
declare var __md_hash: (value: string) => number;
/** A value Material keeps in local (or session) storage under the site's scope. */
declare var __md_get: (key: string, storage?: Storage, scope?: URL) => any;
/** Keeps a value in local (or session) storage under the site's scope; a full or blocked storage is ignored. */
declare var __md_set: (key: string, value: unknown, storage?: Storage, scope?: URL) => void;

/** Material's start-up configuration, the JSON of the page's #__config element (partials/javascripts/base.html). */
interface MaterialConfig {
  base?: string;
  search?: string;
  translations?: Record<string, string>;
  [key: string]: unknown;
}

/** One document of a search result in Material's worker protocol: a page, or a section of it. */
interface MaterialSearchDocument {
  location: string;
  title: string;
  text: string;
  score: number;
  terms: Record<string, boolean>;
}

/** A message of Material's search worker protocol: SETUP 0, READY 1, QUERY 2 (data: the query), RESULT 3. */
interface MaterialSearchMessage {
  type: number;
  data?: unknown;
}
