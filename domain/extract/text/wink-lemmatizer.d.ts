// Types for wink-lemmatizer and the WordNet exception lists of wink-lexicon (MIT), which ship none.
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
declare module 'wink-lexicon/src/wn-noun-exceptions.js' {
  const exceptions: Record<string, string>;
  export default exceptions;
}
declare module 'wink-lexicon/src/lexicon.js' {
  /** Word → its possible Penn Treebank tags ("remain" → ["VB", "VBP"]). */
  const lexicon: Record<string, string[] | undefined>;
  export default lexicon;
}
