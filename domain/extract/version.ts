/** Version of the rule-based extractor, stamped on every claim; bump when the rules change what they emit. */
export const EXTRACTOR_VERSION = '0.6.0';

/** Name of the rule-based extractor, stamped on every claim. */
export const EXTRACTOR_NAME = 'claimwatch-rules';
