// Articles for the wild-copy audit (issue 16), written for this project in news-wire style: fictional events and
// outlets, our own sentences. Three long originals, one other write-up of the first story (same facts, other
// sentences: a negative) and two short briefs for the boilerplate traps. Used by wild-copies.unit.test.ts.
import type { Article } from '../../../schemas/article.ts';

const PORT = [
  'Russian drones and a ballistic missile struck grain terminals and a fuel depot in the Odesa region overnight, wounding at least nine people and setting two warehouses on fire, Ukrainian officials said on Wednesday.',
  'The regional governor said the attack began shortly after 2 a.m. and lasted almost three hours, with waves of Shahed-type drones approaching from the sea before turning inland towards the Danube river ports. Air defence units destroyed 27 of the 35 drones launched at the region, the air force said.',
  'A missile hit the edge of a terminal in Izmail that handles wheat and sunflower oil bound for Romania and Egypt, the governor said. About 4,000 tonnes of grain were damaged or destroyed, and a loading crane collapsed onto a berth that had been repaired only last month.',
  '\u201cThey are aiming at the ports because the ports are what keeps our farmers alive,\u201d the governor told reporters at the scene. \u201cEvery tonne that burns here is a tonne that does not reach a market abroad.\u201d',
  'Among the wounded were three port workers, two truck drivers who had been waiting overnight to unload and a security guard at the fuel depot, regional health officials said. Two of them were in a serious condition in hospital. Fire crews needed until mid-morning to contain the blaze at the depot, which supplies diesel to farms and transport companies across the south of the region. Emergency services said roughly 60 firefighters and 15 engines were sent to the site.',
  'The infrastructure ministry said shipping through the Danube ports would continue but that loading at the damaged terminal would be suspended for at least a week while engineers inspected the berth and the rail sidings behind it.',
  'Romania\u2019s defence ministry said it had tracked several drones flying close to its border along the river and scrambled two fighter jets as a precaution. It said no Romanian territory was hit, though residents of a village across the water reported hearing loud explosions.',
  'Ukraine has shipped more than 40 million tonnes of grain and other food through its Black Sea and Danube ports since the start of the year, according to government figures, despite repeated attacks on port facilities and the ships that use them.',
  'Russia\u2019s defence ministry said its forces had carried out a strike with precision weapons on facilities used to store fuel for the Ukrainian army and on port infrastructure it said was being used to bring in Western weapons. It did not mention the grain terminals.',
  'Ukraine\u2019s foreign minister called on the country\u2019s partners to send more air defence systems to protect the south, saying that each attack on the ports also pushes up food prices in countries that depend on Ukrainian wheat.',
  'Insurance brokers in London said premiums for ships calling at Ukrainian ports had risen again after a quiet spell in the summer. One broker said war-risk cover for a single voyage now cost close to one percent of the value of the vessel, about twice the level of June.',
  'Shipping data showed that at least six bulk carriers were waiting at anchor near the mouth of the Danube on Wednesday morning. Port officials said several captains had asked to delay loading until they had more information about the state of the damaged berth. Farmers in the region said they were already storing part of this year’s harvest in tents and on open ground because silos near the ports were full. A spokesman for a regional growers’ association said any long halt at Izmail would force members to sell at a loss to traders with space further inland.',
  'The attack was the fourth on the Danube ports this month. Local authorities said they were building concrete shelters for port workers next to the terminals, and that staff would in future be told to leave the berths as soon as an air raid alert was declared for the district.',
  'Officials said a full count of the damage would take several days. The regional administration planned to pay compensation to the owners of destroyed trucks and to families whose homes near the depot had lost windows and roofs in the blasts.',
].join('\n\n');

const PORT_REWRITE = [
  'Grain storage in two Danube river ports was set ablaze early on Wednesday when Russia sent a swarm of drones and a ballistic missile against the south of Ukraine, officials in Odesa reported.',
  'Nine people needed medical help after the raid, which lasted close to three hours. Those hurt included dock workers, a guard at a fuel depot and two lorry drivers who had spent the night queuing at the gates; two remain in hospital in a serious state.',
  'According to Ukraine\u2019s air force, anti-aircraft units shot down 27 drones out of 35. The rest got through, and a missile landed at a terminal in Izmail which exports wheat and sunflower oil, ruining around 4,000 tonnes of grain and toppling a crane.',
  'The governor of the region, visiting the damaged berth, accused Moscow of trying to starve Ukrainian agriculture of its export routes and said the strike would be felt in food markets far from Odesa.',
  'Firefighters fought the flames at the fuel depot until late morning. Officials said about 60 of them took part, with 15 fire engines.',
  'Loading at the damaged terminal has been halted for at least seven days, the infrastructure ministry announced, though other Danube ports remain open for shipping.',
  'In Bucharest, officials said jets had been scrambled when several drones came near Romanian airspace along the river, but nothing landed on Romanian soil.',
  'Moscow\u2019s account of the night said its missiles and drones had destroyed fuel stores serving Ukrainian troops and port facilities used for Western arms deliveries.',
  'Kyiv says it has exported over 40 million tonnes of farm produce by sea and river so far this year, and its foreign minister again asked allies for more air defences for the southern coast.',
].join('\n\n');

const EVACUATION = [
  'Ukrainian authorities ordered the compulsory evacuation of families with children from eleven more villages in the eastern Donetsk region on Friday, as Russian troops pressed closer to the road that links the last big towns still held by Kyiv in the area.',
  'The regional military administration said about 2,300 children lived in the settlements covered by the new order, most of them in villages within 15 kilometres of the front line. Parents who refuse to leave may be asked to sign a statement acknowledging the risk, officials said.',
  '\u201cThere is no safe place left in these villages,\u201d the head of the administration said in a video address. \u201cShelling comes every day now, often several times a day, and it is children who pay the highest price for delay.\u201d',
  'Evacuation buses will run from three collection points each morning, and the railway operator said it would add carriages to an evacuation train that leaves a nearby junction station every other day for the western city of Lviv.',
  'Volunteers who drive into the villages in armoured vans said many of the remaining residents were elderly people who had refused to leave in earlier evacuation waves. Some have lived without running water or mains power since the spring.',
  'One volunteer coordinator said his group had taken out more than 140 people in the past week alone, including a woman of 93 who had to be carried to the van on a chair. He said drones now hunted vehicles on the roads in and out of the villages, so trips were made only at dawn.',
  'Russian forces have advanced steadily in the area since the summer, capturing a string of villages and taking up positions on high ground overlooking the main supply road, according to Ukrainian military analysts and open-source mapping groups.',
  'The Ukrainian general staff said on Friday that its troops had repelled 38 Russian assaults along that section of the front in the previous 24 hours. The figure could not be independently verified.',
  'Russia\u2019s defence ministry said its forces had taken control of another village in the district and had improved their tactical position along the front. Moscow does not publish figures on its own losses.',
  'The United Nations refugee agency said earlier this month that more than 3.6 million people remain internally displaced inside Ukraine, many of them from the east, and that housing for new arrivals in western regions was increasingly hard to find.',
  'Local officials in the west said dormitories, sports halls and former sanatoriums were being turned into shelters, but that many of them lacked proper heating. Families with small children would be given priority for the few flats available, a housing official in Lviv said. Aid groups said the new order would stretch supplies that were already thin. A charity that runs a reception centre at the junction station said it handed out about 400 food parcels a day last week, twice as many as a month earlier, and was short of blankets and baby formula.',
  'School officials said classes for the evacuated children would be held online until the autumn term, when they hope to place the pupils in schools near their new homes. Teachers from the villages have agreed to keep running the lessons from wherever they are living, the regional education department said. The administration said the order would be reviewed every two weeks. It urged men of working age who stay behind to register with the local council so that rescuers know which houses are still occupied if a building is hit.',
  'Some residents said they would rather stay than start again among strangers. A 67-year-old woman who keeps goats on the edge of one village told volunteers that she had buried her husband in the garden in the spring and would not leave his grave behind, whatever happened.',
].join('\n\n');

const AID = [
  'European Union defence ministers agreed on Tuesday to speed up deliveries of air defence missiles and artillery shells to Ukraine, promising to send what remains of a planned package before the end of the year rather than over the next 18 months, diplomats said.',
  'The decision, taken at a meeting in Brussels, covers about 1.2 billion euros of equipment that member states have already paid for through a joint fund but that manufacturers had been unable to deliver on the original schedule.',
  '\u201cUkraine cannot wait for our factories to catch up at their own pace,\u201d the EU\u2019s foreign policy chief told reporters after the meeting. \u201cWe are asking every government to look at its own stocks and send what it can now, and to refill them later from new production.\u201d',
  'Under the plan, countries that hand over missiles from their own stocks will be reimbursed first from the fund, a change that officials said should persuade smaller member states to part with equipment they had been holding back for their own defence.',
  'Ukraine\u2019s defence minister, who joined the meeting by video link, said his country needed at least six more air defence batteries to protect its cities and power plants through the winter, and that interceptor missiles for the systems it already has were running low.',
  'He also asked for more long-range drones and for funding to build them in Ukraine, saying that domestic factories could produce far more than they do if they had steady orders and protection from Russian strikes.',
  'Several ministers said after the meeting that the EU was on course to deliver about one million artillery shells to Ukraine by March, a target it first set and missed more than a year ago. Output at European plants has roughly tripled since the start of the full-scale invasion, according to the European Commission.',
  'Hungary again declined to take part in the joint purchases, as it has since the beginning of the war, but did not block the decision, diplomats said. Budapest has argued that sending weapons prolongs the fighting.',
  'The ministers also discussed plans for a training mission that would see European instructors train up to 15,000 more Ukrainian soldiers next year, including pilots and technicians for Western fighter jets.',
  'The Kremlin said on Tuesday that further Western weapons deliveries would not change the situation on the battlefield and would only drag out the conflict. Its spokesman said Russia would treat the weapons as legitimate targets once they entered Ukraine.',
  'NATO\u2019s secretary general, who attended part of the meeting, welcomed the decision and urged allies outside the EU to follow suit. He said the alliance was working on a plan to coordinate deliveries so that the needs Ukraine considers most urgent are met first.',
  'EU leaders are due to discuss longer-term military support for Ukraine, including the use of profits from frozen Russian central bank assets, at a summit next month.',
  'Defence industry executives who met the ministers over lunch said factories could raise output further if governments signed contracts lasting several years instead of placing orders one batch at a time. One of them said his company had doubled its workforce at a shell plant in central Europe and was still turning down orders. Officials said the fund used for the joint purchases would need to be topped up early next year. The European Commission has proposed adding five billion euros, but several member states want the money spent only on equipment made inside the EU, a condition others say would slow deliveries.',
  'Ukraine’s air force said Russia had fired more than 1,300 drones and close to 200 missiles at Ukrainian cities and energy sites in October alone, the highest monthly total this year. Kyiv says it can intercept most of the drones but is running short of the costlier missiles needed to stop ballistic weapons. Diplomats said the ministers had agreed to publish a list every quarter of what each government has sent, after complaints from Kyiv that promises announced at meetings were often delivered months late or not at all.',
].join('\n\n');

const BRIEF_BRIDGE = [
  'A railway bridge near the northern town of Chernihiv reopened to freight trains on Monday after five weeks of repairs, the state railway company said.',
  'The bridge was damaged by a Russian missile in late summer, cutting a route used to bring fuel and building materials into the region. Engineers replaced two spans and a support pillar, the company said.',
  'Passenger trains will return to the line next week once safety checks are finished, officials said.',
].join('\n\n');

const BRIEF_SCHOOLS = [
  'Schools in the southern city of Zaporizhzhia will teach most pupils online until at least the end of the month because of frequent air raid alerts, the city council said on Thursday.',
  'Only schools with shelters large enough for every pupil will hold lessons in person, the council said, and about a dozen of them are now teaching in two shifts.',
  'Three underground schools built since the start of the war are due to open in the spring, city officials said.',
].join('\n\n');

const a = (id: string, source: string, url: string, published_at: string, title: string, text: string): Article => ({
  id,
  source,
  url,
  published_at,
  title,
  text,
});

/** The long originals every copy is made from. */
export const ORIGINALS: readonly Article[] = [
  a(
    'wild-port',
    'southwire',
    'https://www.southwire.example/world/2025/08/13/odesa-ports-drones-grain',
    '2025-08-13T06:10:00Z',
    'Russian drones and missile hit Danube grain terminals, nine wounded',
    PORT,
  ),
  a(
    'wild-evacuation',
    'easternledger',
    'https://easternledger.example/news/2025/09/19/donetsk-evacuation-children',
    '2025-09-19T14:25:00Z',
    'Ukraine orders children out of eleven more Donetsk villages',
    EVACUATION,
  ),
  a(
    'wild-aid',
    'brusselsdesk',
    'https://www.brusselsdesk.example/eu/2025/11/04/air-defence-deliveries-faster',
    '2025-11-04T17:45:00Z',
    'EU agrees to rush air defence missiles and shells to Ukraine',
    AID,
  ),
];

/** Another outlet's write-up of `wild-port`: the same facts in other sentences, published later. Never a copy. */
export const PORT_OTHER_WRITE_UP: Article = a(
  'wild-port-rewrite',
  'rivernews',
  'https://rivernews.example/ukraine/danube-grain-ports-attack',
  '2025-08-13T09:30:00Z',
  'Danube grain stores burn after overnight Russian raid',
  PORT_REWRITE,
);

/** Two short briefs on unrelated subjects, for the traps that share boilerplate. */
export const BRIEFS: readonly Article[] = [
  a(
    'brief-bridge',
    'northdaily',
    'https://northdaily.example/news/rail-bridge-reopens',
    '2025-10-06T08:00:00Z',
    'Rail bridge near Chernihiv reopens to freight',
    BRIEF_BRIDGE,
  ),
  a(
    'brief-schools',
    'northdaily',
    'https://northdaily.example/news/zaporizhzhia-schools-online',
    '2025-10-09T08:00:00Z',
    'Zaporizhzhia schools move most lessons online',
    BRIEF_SCHOOLS,
  ),
];
