// Closed-class English words the rules need. Grammar, not taxonomy: a user's topic file never
// needs to change these, so they live in code.

const set = (s: string) => new Set(s.split(' '));

/** Auxiliaries and adverbs that may sit between a figure's noun and its verb ("were still being held"). */
export const AUX = set(
  'was were is are be been being has have had do does did get got remain remains remained stay stayed reportedly allegedly still also already now later then since yet thought believed said reported feared understood estimated known confirmed to just more recently previously earlier apparently officially so far all both',
);

/** Words that end a noun phrase after a figure without naming what is counted. */
/** Forms of "be": before a participle they make a passive. */
export const BE_FORMS = set('was were is are been be being');

export const FUNCTION_WORDS = set(
  'was were is are be been being has have had will would could may might shall should can do does did in on at by from to for with into across over under since during after before near within as than and or but that which who whom whose while when where whereas this these those it its their his her they he she we our not no nor if because though although according including such so',
);

/** Modifiers skipped between a figure and its noun ("3 more villages", "tens of thousands of civilians"). */
export const NP_MODIFIERS = set(
  'of the other more additional further new extra fresh some total mostly roughly about around such strong',
);

/** Modifiers that make a figure an increment (claims.md §2 kind). */
export const INCREMENT_WORDS = set('more additional further another extra');

/** Prepositions that, directly before an entity, keep it from being a verb's subject. */
export const PREPOSITIONS = set(
  'of in on at by from to for with into across over under near against towards toward inside outside through via among between about like than per within during after before around throughout off along amid aboard beyond onto past beside behind upon above below beneath underneath alongside despite out',
);

/** Words that start a new clause when scanning away from a figure. */
export const CLAUSE_WORDS = set(
  'and but while whereas which who whom after because although though when where if unless',
);

/** Punctuation that ends a clause. */
export const CLAUSE_PUNCT = new Set([';', ':', '(', ')', '–', '—', '“', '”', '"', '?', '!', '[', ']']);

/** Words that mark a figure as planned, promised, forecast or hypothetical (claims.md §4). */
export const MODAL_WORDS = set(
  'will would could might should shall can plans plan planned planning intends intend intended intending aims aim promised promises promise proposed proposes propose requested requests request asking asked seeks seek seeking wants want expected expects expect forecast forecasts projected hopes hope considering consider if unless whether needs need needed able going wish ready offered offers offer prepared',
);

/** Personal pronouns whose referent the rules take from the sentence's speaker. */
export const PRONOUNS = set('they it we he she i its their our');

/** Adjectives that may stand between a preposition and its place ("in occupied Ukraine", "in eastern Ukraine"). */
export const PLACE_ADJECTIVES = set('occupied russian-occupied eastern western southern northern central annexed');
