/** Public surface of the claim extractor: the CLI, the eval harness and the extract activity import from here. */
export { extractClaims, extractReport, type ExtractionReport, type ExtractOptions } from './extract.ts';
export { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.ts';
export { defaultTaxonomy, loadTaxonomy, TaxonomyError } from './taxonomy/load.ts';
