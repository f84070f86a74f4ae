/**
 * Small lists of common given and family names, grouped by region, for the generated reporting trees. A name is
 * drawn from one group (given and family name together), so "María Rodríguez" and "Kenji Tanaka" appear, but
 * seldom a mixture no one would recognise. Common names only: no real person is meant.
 */
export const NAME_GROUPS = {
  anglophone: {
    given:
      'James Mary Michael Sarah David Emily Robert Laura Thomas Rachel Andrew Claire Daniel Helen Peter Fiona Mark Grace Simon Anna Paul Karen Stephen Olivia',
    family:
      "Smith Johnson Brown Taylor Wilson Clarke Walker Robinson Wright Thompson Hughes Campbell Murphy O'Connor Kelly Morgan Bennett Harris Mitchell Cooper Reid Stewart Fraser Doyle",
  },
  francophone: {
    given:
      'Jean Marie Pierre Sophie Luc Camille François Hélène Nicolas Claire Étienne Isabelle Olivier Mathilde Julien Céline Antoine Élodie Philippe Aurélie Benoît Chantal Thierry Margaux',
    family:
      'Dupont Martin Bernard Dubois Laurent Lefèvre Moreau Girard Rousseau Fontaine Chevalier Mercier Blanc Garnier Faure Lambert Bonnet Roux Morel Perrin Gauthier Lemaire Marchand Renaud',
  },
  hispanic: {
    given:
      'José María Carlos Ana Luis Carmen Javier Lucía Miguel Isabel Diego Paula Andrés Valentina Alejandro Camila Fernando Gabriela Ricardo Daniela Sergio Mariana Pablo Elena',
    family:
      'García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Morales Ortiz Castillo Vargas Romero Herrera Medina Aguilar Rojas Navarro',
  },
  sahelWestAfrican: {
    given:
      'Amadou Aïssatou Moussa Fatou Ibrahima Mariama Cheikh Awa Ousmane Kadiatou Mamadou Ndeye Aliou Coumba Boubacar Rokia Seydou Aminata',
    family:
      'Diallo Ndiaye Traoré Camara Sow Diop Koné Keïta Cissé Touré Ba Sylla Mbaye Faye Sarr Coulibaly Sangaré Fofana',
  },
  centralAfrican: {
    given:
      'Jean-Pierre Solange Didier Grâce Patrice Josiane Serge Béatrice Armand Clarisse Emmanuel Rosine Blaise Chantal Fiston Nadège Hervé Esther',
    family:
      'Mukendi Ilunga Kasongo Tshibangu Nzeyimana Habimana Ngoma Mbemba Kabongo Lukusa Mbuyi Ngalula Yakité Gbadin Doko Nguerekata Zanga Mabiala',
  },
  eastAfrican: {
    given:
      'Amina Joseph Wanjiru Peter Achieng Samuel Njeri Daniel Halima Moses Grace Abdi Faith Yohannes Mercy Tesfaye Esther Brian Zawadi Hodan Deng Nyandeng',
    family:
      'Mwangi Otieno Kamau Wanjiku Ochieng Njoroge Mutua Kiplagat Abdullahi Hassan Bekele Haile Gebremedhin Odhiambo Warsame Mohamed Nkurunziza Okello Deng Garang Lado Tumusiime',
  },
  westSouthernAfrican: {
    given:
      'Kofi Ama Chinedu Ngozi Tendai Kwame Abena Emeka Funmilayo Thabo Nomvula Chipo Tunde Adaeze Sipho Lindiwe',
    family:
      'Mensah Okafor Adeyemi Okonkwo Banda Phiri Moyo Nkosi Mulenga Asante Boateng Eze Dlamini Ndlovu Owusu Chikwanha',
  },
  arabic: {
    given:
      'Ahmed Fatima Omar Layla Youssef Nour Khaled Rania Hassan Mariam Karim Salma Tarek Huda Samir Lina Nabil Dina Walid Yasmin Rami Hala Ziad Amal',
    family:
      'Haddad Khoury Mansour Nasser Saleh Hamdan Aziz El-Amin Farouk Abboud Qasim Bakr Darwish Ibrahim Jaber Karam Najjar Sabbagh Shami Taha Yassin Zaki Barakat Haddadin',
  },
  indian: {
    given:
      'Priya Rahul Anjali Arjun Vikram Kavita Ravi Meera Sanjay Deepa Shreya Nisha Harish Anil Sunita Rohan Lakshmi Suresh',
    family:
      'Sharma Patel Singh Gupta Rao Iyer Reddy Das Bose Nair Menon Joshi Kapoor Pillai Verma Mehta Chowdhury Banerjee',
  },
  afghanPakistani: {
    given:
      'Imran Ayesha Farhan Sana Zainab Tariq Asif Fariha Ahmad Bilal Hamid Mariam Nadia Wahid Shabnam Farid Rahim Parwana',
    family:
      'Khan Hussain Malik Qureshi Siddiqui Haider Rahimi Ahmadi Karimi Sultani Chaudhry Butt Popal Noori Hakimi Rasuli Stanekzai Yusufzai',
  },
  chinese: {
    given: 'Wei Mei Jun Lin Hao Xin Yan Ling Jie Hui Qiang Fang Lei Ying Bo Xiu',
    family: 'Wang Li Zhang Chen Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo',
  },
  japanese: {
    given: 'Kenji Yuki Haruto Aiko Takeshi Naoko Hiroshi Emi Sakura Daisuke',
    family: 'Tanaka Suzuki Sato Nakamura Yamamoto Kobayashi Watanabe Ito Takahashi Yoshida',
  },
  korean: {
    given: 'Min-jun Seo-yeon Ji-ho Soo-ah Hyun-woo Eun-ji Joon Hye-jin Sung-min Ji-won',
    family: 'Kim Park Lee Choi Jung Kang Cho Yoon Jang Lim',
  },
  southeastAsian: {
    given: 'Somchai Siriporn Thanh Linh Arief Siti Rizal Mai Tuan Dewi Hana Maria Jose Kanya Bao Ayu',
    family:
      'Nguyen Tran Pham Le Santos Reyes Cruz Wijaya Srisuk Chaiyaporn Lim Tan Ong Hidayat Saputra Bautista',
  },
  germanNordic: {
    given: 'Lukas Anna Henrik Ingrid Lars Maja Jan Eva Felix Greta Jonas Lena Erik Sofie',
    family:
      'Müller Schmidt Weber Fischer Wagner Jansen Visser Andersson Nielsen Hansen Berg Lindqvist Bauer Johansson',
  },
  southernEuropean: {
    given: 'Marco Giulia Matteo Francesca Luca Chiara Nikos Eleni João Inês Alessandro Sofia Giorgos Beatriz',
    family:
      'Rossi Bianchi Conti Romano Esposito Ricci Papadopoulos Georgiou Costa Ferreira Silva Santos Oliveira Marino',
  },
  easternEuropean: {
    given: 'Katarina Stefan Nikola Ivana Piotr Agnieszka Andrei Irina Dimitri Ewa Tomas Olga Milan Jelena',
    family:
      'Kowalski Nowak Novak Horvat Petrović Ivanova Popescu Volkov Jovanović Kovač Dvořák Wiśniewska Marković Sokolova',
  },
} as const;

export type NameGroup = keyof typeof NAME_GROUPS;

/** A name as shown and as it goes into an address (ASCII, lower-case, accents and apostrophes dropped). */
export interface ListedName {
  name: string;
  ascii: string;
}

/** The lists split once, each name with its address form worked out once. */
export const NAMES = Object.fromEntries(
  Object.entries(NAME_GROUPS).map(([group, { given, family }]) => [
    group,
    { given: listed(given), family: listed(family) },
  ]),
) as Record<NameGroup, { given: ListedName[]; family: ListedName[] }>;

function listed(names: string): ListedName[] {
  return names.split(' ').map((name) => ({ name, ascii: asciiOf(name) }));
}

function asciiOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}
