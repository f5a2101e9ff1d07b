/**
 * Names that are also common English words, given names or other famous places: a settlement is not matched by
 * them alone (it keeps its qualified name, "Bar, Vinnytsia Oblast"). The words were found by checking every
 * one-word name of the gazetteer against an English word list (an-array-of-english-words, 275k words) and keeping
 * those a news text would write capitalised for another reason; the given names are common English, Ukrainian and
 * Russian first names (Vladimir, Volodymyr and Artem would otherwise be the cities of Vladimir, Volodymyr-Volynskyi
 * and Artem). Used by scripts/build-gazetteer.ts.
 */
const ENGLISH_WORDS = `Bar Bile Chop Cop Hat Gat Tin Hut Gut Spat Lazy Lug Luck Mare Marine Mir Babel Rai Ray Raj Sad Smile Snow
  Star Human Mega Postal Warez Tores Trock Hock Shack Brack Vary Lac Upo Sumo Saran Spas Betta Bene Buda Bels Boras Buran
  Hora Gora Kune Kuti Levo Masty Otary Vali Varas Sambar Tokamak Mamaliga Bolshevik Metalist Maidan Landau Flora Dimer
  Cires Avel Sollar Startsy Cosmin Tomium Serow Bisk Budi Burin Alexin Kumari Panino Sakai Pavlovas Hamburg Paris
  Victory Pobeda Progress Peace Zarya Rassvet Druzhba Komsomol Pioneer October Oktyabr Sputnik Lenin`;
const GIVEN_NAMES = `Anna Maria Mariya Mariia Olga Olha Vera Nadezhda Nadiya Lyubov Sofia Sofiya Irina Iryna Marina Nina Lida
  Victoria Viktoria Alexandra Oleksandra Elena Olena Tamara Natalia Nataliya Svetlana Tatiana Ekaterina Kateryna Yulia
  Galina Halyna Ludmila Larisa Zoya Valentina Alla Inna Oksana Daria Polina Ksenia Eva Ivan Ivana Pavel Pavlo Mikhail
  Mykhailo Boris Oleg Oleh Igor Ihor Nikolai Mykola Sergei Serhii Roman Bogdan Bohdan Petro Pyotr Peter Andrei Andrii
  Dmitry Dmytro Vladimir Volodymyr Yuri Yurii Alexei Oleksii Anatoly Vasyl Vasily Stepan Taras Maksym Maxim Artem
  Artyom Denis Anton Ilya Illia Fedir Fedor Grigory Hryhorii Konstantin Kostiantyn Leonid Mark Nazar Ostap Semen Timur
  Vadym Vadim Viktor Victor Yaroslav Zakhar George Alexander Michael Paul John Mary Elizabeth Catherine Helen Sophia
  Emma Adam David Daniel Simon Martin Alina Milana Diana Lina Lena Rita Ella Kira Lada Mila Raisa Rosa Roza Yana Maya
  Kamila Karina Margarita Marta Nika Regina Stella Valeria Veronika Zhanna Leon Lev Oscar Ruslan Stanislav
  Vladislav Vladyslav Yevhen Evgeny
  Stalin Lenin Putin Zelensky Zelenskyy Shevchenko Kutuzov Suvorov Pushkin Gagarin Chkalov Khmelnytsky`;

const STOP = new Set(
  `${ENGLISH_WORDS} ${GIVEN_NAMES}`
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase()),
);

/** True when `name` (one word) is a common English word, a given name or a famous place elsewhere. */
export function isStopName(name: string): boolean {
  return !/[\s-]/.test(name) && STOP.has(name.toLowerCase());
}
