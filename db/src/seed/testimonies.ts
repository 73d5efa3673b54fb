/**
 * Synthetic demo testimonies. Every person, village and hiding place here is invented for the
 * demo; countries and armed groups are real public context that must stay readable.
 */
export type DemoTestimony = { title: string; language: string; sourceNote: string; body: string };

export const DEMO_TESTIMONIES: DemoTestimony[] = [
  {
    title: 'The baker from Ain Zahra',
    language: 'en',
    sourceNote: 'Synthetic demo interview, recorded in Gaziantep.',
    body: `AIN ZAHRA, Syria — The man we will call Yusuf is 34 and was a baker before the war. He asked us not to print his real name.

"I was born in Ain Zahra, a village of olive farmers east of the river. My father, Hamid Darwish, still lives there with my two younger sisters," Yusuf said.

In 2014 ISIS took the village. A commander who called himself Abu Tareq al-Shami ordered every baker to feed his fighters. "Abu Tareq came every morning at five. If the bread was late, his men beat us."

Yusuf was arrested in March 2016 after a neighbour, Karim Saadeh, reported that he listened to a foreign radio station. He spent 41 days in a basement prison under the old school in Tell Marzouq.

After his release he hid for three weeks in the farm of an old school friend near Ayn Zahra, sleeping in a grain store. Karim's brother, Nabil Saadeh, drove him at night to the border. A smuggler known as Abu Jamil took 1,200 dollars to walk him across into Turkey.

Today Yusuf lives with his wife and their daughter in a rented flat in Gaziantep. Abu Tareq, he says, is still alive. "If he reads this, he will know my voice. That is why Yusuf is not my name."`,
  },
  {
    title: 'Témoignage d’une infirmière de Kafr Salma',
    language: 'fr',
    sourceNote: 'Témoignage fictif pour la démonstration.',
    body: `Leïla, 29 ans, était infirmière à l’hôpital de Kafr Salma jusqu’en 2017. Ce n’est pas son vrai prénom.

« Nous soignions tout le monde, les civils comme les combattants », raconte-t-elle. Son chef de service, le docteur Fares Haddad, a été arrêté un matin de novembre par des hommes du groupe État islamique.

Après l’arrestation, Leïla s’est cachée pendant deux mois chez une cousine à Kfar Salma, dans une chambre au-dessus d’une boulangerie. Son frère Mounir l’a ensuite conduite jusqu’à Idleb, puis un passeur surnommé Abou Firas les a fait passer en Turquie pour 900 dollars chacun.

Elle vit aujourd’hui à Mersin avec son mari, qui est mécanicien. « Ma mère, Samira, est restée au village. Si on reconnaît mon histoire, c’est elle qu’on viendra chercher. »`,
  },
  {
    title: 'A teacher’s account (Arabic excerpts)',
    language: 'ar',
    sourceNote: 'Synthetic demo, mixed Arabic and English.',
    body: `The witness, a 41-year-old schoolteacher from the village of Deir Hafeer, asked to be identified only by his kunya, Abu Salim.

قال أبو سالم: «كنت معلماً في مدرسة دير حفير، وكان أخي محمود يعمل معي.»

In the summer of 2015 the teacher was taken to a checkpoint outside Dayr Hafir and held for nine days. His brother Mahmoud paid 3,000 dollars to a middleman named Rafiq al-Hourani to free him.

اختبأ أبو سالم بعد ذلك في بيت آمن يملكه مهرّب في قرية تل الورد، ثم عبر إلى تركيا.

He now lives in Urfa with his wife and four children. "In Deir Hafeer everyone knows who taught their sons," he said. "One detail and they find my family."`,
  },
  {
    title: 'The mechanic of Tell Marzouq',
    language: 'en',
    sourceNote: 'Synthetic demo interview.',
    body: `Khaled al-Masri — not his real name — repaired trucks in Tell Marzouk for eleven years. He is 52, a member of the Bani Sakhr tribe, and a father of six.

"The emir of our sector, Abu Hafs al-Jazrawi, needed his pickups fixed. He paid nothing. When I refused once, his deputy Saleh Omran locked me in a shipping container for four days."

In October 2016 Khaled escaped with his eldest son, Omar. They walked at night through the orchards behind the Qasr al-Banat mill, where a shepherd named Ibrahim Fattal hid them in a cave he used for his flock.

Ibrahim led them to the house of his cousin in Jarablus, who kept them in a storeroom behind his shop for a week. From there a smuggler took them across the border for 2,500 dollars.

KHALED AL-MASRI now works in a garage in Kilis. He has not spoken to his wife, Fatima, since 2018.`,
  },
  {
    title: 'Detention testimony: the student',
    language: 'en',
    sourceNote: 'Synthetic demo, short statement.',
    body: `The witness, whom we will call Rania, was a third-year law student at the University of Aleppo when she was detained on 12 May 2013.

She was held for seven months in the basement of a villa in the Zahraa quarter. Her interrogator, a man the guards called Abu Ammar, questioned her every night.

Her uncle, Tawfiq Najjar, sold his land to pay a 5,000-dollar bribe for her release. Rania then hid for a month in the apartment of a classmate in Salamiyah before reaching Lebanon. 🕊️

She now studies in Beirut under another name and works part-time as a translator.`,
  },
];
