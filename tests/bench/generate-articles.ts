import type { Article } from '../../schemas/article.ts';

// Synthetic articles for benchmarks, written from templates in the team's own words. Each has a
// unique figure, so none is a duplicate; places and actors rotate so claims spread over series.
const places = ['Kharkiv', 'Donetsk', 'Zaporizhzhia', 'Kherson', 'Sumy', 'Odesa', 'Dnipro', 'Mykolaiv'];
const templates: Array<(n: number, place: string, day: string) => string> = [
  (n, place, day) =>
    `Ukraine's air force said on ${day} that Russia launched ${n} drones overnight at targets in the ${place} region. ` +
    `Air defence units shot down ${Math.max(1, n - 7)} of them, according to the military, while debris damaged several homes.`,
  (n, place) =>
    `Regional officials in ${place} said at least ${n} civilians were killed in a missile strike on a residential area. ` +
    `Rescue crews were still searching the rubble late in the evening, the governor wrote on social media.`,
  (n, place) =>
    `Russian forces have captured ${n} square kilometres of territory near ${place} this month, according to analysts ` +
    `who track the front line from satellite images and combat footage.`,
  (n, place) =>
    `The open-source monitoring group said it had confirmed the loss of ${n} Russian tanks in fighting around ${place} ` +
    `since the start of the offensive, based on photographs and video.`,
  (n, place) =>
    `About ${n * 10} people have been evacuated from frontline towns in the ${place} region, local authorities said, ` +
    `as shelling intensified during the week.`,
];

const syllables = [
  'ka',
  'lo',
  'mi',
  'ren',
  'dov',
  'sha',
  'tek',
  'bru',
  'vil',
  'nor',
  'pes',
  'gar',
  'zin',
  'hol',
  'tra',
  'vek',
];

// A paragraph of its own per article (seeded, made-up street and village names), so that no two
// generated articles are near-duplicates and they share no more than real reports on one topic do.
function localColour(i: number, seed: number): string {
  let x = ((i + 1) * 2654435761 + seed * 40503) >>> 0;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const name = () => Array.from({ length: 3 }, () => syllables[(next() >>> 16) % syllables.length]).join('');
  const names = Array.from({ length: 40 }, name);
  return `Residents of ${names.slice(0, 20).join(', ')} reported damage; volunteers from ${names.slice(20).join(', ')} brought water and generators.`;
}

/** N distinct synthetic articles with publication dates spread over 2024. */
export function generateArticles(n: number, seed = 1): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const figure = 20 + ((i * 7919 + seed * 104729) % 9000);
    const place = places[i % places.length] as string;
    const date = new Date(Date.UTC(2024, 0, 1) + (i % 300) * 86_400_000);
    const day = date.toISOString().slice(0, 10);
    const weekday = date.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
    const text = `${(templates[i % templates.length] as (typeof templates)[number])(figure, place, weekday)}\n\n${localColour(i, seed)}`;
    out.push({
      id: `bench-${seed}-${i}`,
      url: `https://bench.example/${seed}/${i}`,
      source: `Bench Wire ${i % 13}`,
      published_at: `${day}T${String(i % 24).padStart(2, '0')}:00:00Z`,
      title: `Report ${i} from ${place}`,
      text,
    });
  }
  return out;
}
