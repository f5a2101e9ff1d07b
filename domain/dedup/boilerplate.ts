// Lines that syndicators splice into or around a wire story. A line is dropped only when the
// whole line looks like furniture, so prose that merely mentions "read more" survives.

const BOILERPLATE_LINE: readonly RegExp[] = [
  // "Also Read | …", "READ MORE: …", "See also - …", "Related: …", "Watch | …"
  /^(?:also read|read also|read more|more to read|see also|related(?: stories| articles| coverage)?|recommended(?: stories)?|must read|don'?t miss|watch|listen|more on this|more from [^:|]{1,40}|trending)\s*(?:[:|>»-]|$)/i,
  // share and app prompts
  /^(?:share (?:this|on|via|the)|click (?:here )?to share|tweet this|email this|print this|copy link|download (?:the|our) app|open in app)\b/i,
  /^(?:follow|like|join) us on\b/i,
  /^follow (?:[\w.@]+ )?on (?:twitter|x|facebook|instagram|telegram|whatsapp|google news|linkedin|threads)\b/i,
  /^(?:join our|subscribe to our|sign up for our|get our) [\w\s]{0,30}(?:channel|newsletter|alerts|updates)\b/i,
  /^(?:subscribe|sign up) (?:now|today|here)\b/i,
  // copyright and rights footers
  /^(?:©|\(c\)|copyright\b)/i,
  /\ball rights reserved\.?$/i,
  /^(?:this (?:article|story) (?:was|has been|is) (?:originally |first )?(?:published|produced|republished|reproduced|syndicated))\b/i,
  /^(?:originally published|first published|republished with permission|reporting by|additional reporting by|editing by|writing by)\b/i,
  /^\(?(?:reporting|writing|editing) by [^)]{1,120}\)?$/i,
  /^advertisement$/i,
];

// "KYIV (Reuters) -", "KYIV, Ukraine, March 3 (AP) —", "LONDON:", "Kyiv, 12 March (AFP) -".
const DATELINE = new RegExp(
  String.raw`^(?:` +
    // CITY[, Region][, date] (Agency) -
    String.raw`[A-Z][\p{L}.' -]{1,40}(?:,\s*[\p{L}0-9.' -]{1,30}){0,2}\s*\((?:[\p{L}.&' -]{2,30})\)\s*[-:]+\s*` +
    `|` +
    // ALL-CAPS CITY[, Region] - or :
    String.raw`[A-Z][A-Z.' ]{2,30}(?:,\s*[\p{L}.' ]{2,30})?\s*(?:-|:)\s+` +
  `)`,
  'u',
);

/** True when a normalised line is syndication furniture (links, share prompts, footers). Used by `normaliseBody`. */
export function isBoilerplateLine(line: string): boolean {
  const l = line.replace(/^[\s*_#>•·|-]+/, '').trim();
  if (l === '') return true;
  return BOILERPLATE_LINE.some((re) => re.test(l));
}

/** Removes a wire dateline from the start of the first paragraph. Used by `normaliseBody`. */
export function stripDateline(paragraph: string): string {
  return paragraph.replace(DATELINE, '');
}
