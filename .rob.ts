import { defaultTaxonomy, extractClaims } from './domain/extract/index.ts';
const tax = defaultTaxonomy();
const mk = (text: string) => ({ id: 'x', url: '', source: 's', published_at: '2024-08-15T00:00:00Z', title: '', text });
const sentence = 'Russian forces reportedly captured more than 70 settlements and 1,000 square kilometres in the span of one week, according to officials. ';
const cases: Record<string, string> = {
  '1MB prose': sentence.repeat(Math.ceil(1e6 / sentence.length)),
  '1MB no punctuation': ('Ukrainian forces captured 12 villages and ' ).repeat(25000),
  '100KB whitespace': ' '.repeat(100_000),
  '100KB newlines': '\n'.repeat(100_000),
  '100KB dots': '.'.repeat(100_000),
  '100KB dots spaced': '. '.repeat(50_000),
  '100KB digits': '1'.repeat(100_000),
  '100KB digits commas': '1,'.repeat(50_000),
  '100KB number words': 'one hundred and '.repeat(6500),
  '100KB since': 'since '.repeat(16000) + '5 people were killed',
  '100KB between': 'between May and '.repeat(6000) + '5 people were killed',
  '100KB dollars': '$'.repeat(100_000),
  '100KB dates': 'on Monday 12 villages were captured in March. '.repeat(2200),
  '100KB no spaces letters': 'a'.repeat(100_000),
  '100KB quotes': '“'.repeat(100_000),
};
for (const [name, text] of Object.entries(cases)) {
  const t0 = performance.now();
  const n = extractClaims(mk(text), tax).length;
  const ms = performance.now() - t0;
  console.log(name.padEnd(24), (text.length / 1000).toFixed(0).padStart(5), 'KB', ms.toFixed(0).padStart(6), 'ms', (ms / (text.length / 1e5)).toFixed(0).padStart(5), 'ms/100KB', n, 'claims');
}
