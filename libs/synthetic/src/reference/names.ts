// Indonesian naming customs by community. Many Indonesians carry a single name (mononym) and no
// family name; Batak, Minahasa, Ambonese, Papuan and NTT families pass on a marga; Balinese names
// open with I/Ni and a birth-order name; Bugis nobility use Andi; Chinese-Indonesian families
// mostly carry Indonesianised surnames.

/** Community whose naming custom a person follows. */
export type NameStyleKey =
  | 'JAVANESE'
  | 'SUNDANESE'
  | 'BATAK'
  | 'MINANG'
  | 'BUGIS'
  | 'BALINESE'
  | 'CHINESE_INDONESIAN'
  | 'MINAHASA'
  | 'AMBONESE'
  | 'PAPUAN'
  | 'NTT'
  | 'MALAY_MUSLIM';

/** Name pools of one community. */
export interface NameStyle {
  readonly adultMale: readonly string[];
  readonly adultFemale: readonly string[];
  /** Names given to children born after ~2007; default pools apply when absent. */
  readonly childMale?: readonly string[];
  readonly childFemale?: readonly string[];
  /** Family names, marga, or customary second names (for men, or everyone when familyFemale is absent); empty when the custom has none. */
  readonly family: readonly string[];
  /** Second names customary for women, where they differ from men's. */
  readonly familyFemale?: readonly string[];
  /** True when children inherit the father's family name (marga, Chinese-Indonesian surnames). */
  readonly inherited: boolean;
  /** Probability of a single name (mononym); otherwise a family or second name is appended. */
  readonly mononymRate: number;
  /** Christian naming for children (else the Muslim-majority modern pool). */
  readonly christian?: boolean;
}

/** Modern children's names common across Muslim-majority communities. */
export const MODERN_CHILD_NAMES = {
  male: ['Muhammad Rizky', 'Aditya', 'Rafa', 'Naufal', 'Fadhil', 'Arkan', 'Keenan', 'Alif', 'Bima', 'Dimas', 'Farel', 'Galang', 'Raka', 'Zidan', 'Rizky', 'Dafa', 'Abizar', 'Arsenio', 'Fathan', 'Ilham'],
  female: ['Aisyah', 'Nayla', 'Zahra', 'Keisha', 'Salsabila', 'Alya', 'Naura', 'Kirana', 'Azzahra', 'Citra', 'Fitri', 'Nabila', 'Putri', 'Syifa', 'Anindya', 'Khansa', 'Adinda', 'Zaskia', 'Aulia', 'Hana'],
} as const;

/** Modern children's names common in Christian communities. */
export const CHRISTIAN_CHILD_NAMES = {
  male: ['Kevin', 'Daniel', 'Yosua', 'Gabriel', 'Nathan', 'Samuel', 'Christian', 'Immanuel', 'Jonathan', 'Michael'],
  female: ['Jessica', 'Grace', 'Natalia', 'Angelina', 'Clara', 'Gracia', 'Michelle', 'Felicia', 'Yohana', 'Debora'],
} as const;

/** Balinese birth-order names (first to fourth child, then the cycle repeats). */
export const BALINESE_BIRTH_ORDER = [['Wayan', 'Putu', 'Gede'], ['Made', 'Kadek', 'Nengah'], ['Nyoman', 'Komang'], ['Ketut']] as const;

/** Naming pools per community. */
export const NAME_STYLES: Readonly<Record<NameStyleKey, NameStyle>> = {
  JAVANESE: {
    adultMale: ['Budi', 'Agus', 'Joko', 'Slamet', 'Bambang', 'Eko', 'Wahyu', 'Sutrisno', 'Suparman', 'Wahyudi', 'Hadi', 'Teguh', 'Bayu', 'Sugeng', 'Prasetyo', 'Heru', 'Sukarno', 'Paijo', 'Tri Wibowo', 'Dwi Cahyono'],
    adultFemale: ['Sri', 'Siti', 'Endang', 'Rahayu', 'Suharti', 'Wahyuni', 'Lestari', 'Dewi', 'Ratna', 'Puji', 'Wulan', 'Handayani', 'Sukarti', 'Tukiyem', 'Sumarni', 'Ningsih', 'Astuti', 'Tri Wahyuni', 'Dwi Lestari', 'Sri Mulyani'],
    family: ['Santoso', 'Nugroho', 'Setiawan', 'Kurniawan', 'Saputra', 'Pratama', 'Wibowo', 'Susanto', 'Hartono', 'Purnomo', 'Suryanto', 'Widodo', 'Prabowo', 'Hidayat'],
    familyFemale: ['Rahmawati', 'Lestari', 'Wulandari', 'Handayani', 'Susanti', 'Kusumawati', 'Puspitasari', 'Anggraini', 'Wahyuni', 'Rahayu', 'Ningsih'],
    inherited: false,
    mononymRate: 0.4,
  },
  SUNDANESE: {
    adultMale: ['Asep', 'Ujang', 'Cecep', 'Dadang', 'Dede', 'Yayan', 'Deden', 'Iwan', 'Ridwan', 'Jajang', 'Encep', 'Ade', 'Usep', 'Dodi'],
    adultFemale: ['Euis', 'Neng', 'Iis', 'Enok', 'Nining', 'Yanti', 'Lilis', 'Imas', 'Tati', 'Cucu', 'Siti', 'Ai', 'Ela', 'Nenden'],
    family: ['Sunarya', 'Permana', 'Hidayat', 'Kurniawan', 'Suryana', 'Rahmat', 'Sumantri', 'Kusnadi', 'Gunawan', 'Setiadi', 'Nugraha', 'Saepudin', 'Hermawan', 'Sulaeman'],
    familyFemale: ['Nurjanah', 'Rahmawati', 'Kartika', 'Suryani', 'Marlina', 'Herawati', 'Komalasari', 'Nurhasanah'],
    inherited: false,
    mononymRate: 0.2,
  },
  BATAK: {
    adultMale: ['Togar', 'Horas', 'Parlindungan', 'Hotman', 'Bonar', 'Daniel', 'Samuel', 'Ricardo', 'Maruli', 'Tigor', 'Poltak', 'Sahat'],
    adultFemale: ['Tiurma', 'Rotua', 'Lasmaria', 'Dameria', 'Rosmawati', 'Grace', 'Yohana', 'Nurhayati', 'Rumondang', 'Tiomina', 'Romauli'],
    family: ['Siregar', 'Nasution', 'Simanjuntak', 'Sitompul', 'Hutapea', 'Situmorang', 'Lubis', 'Harahap', 'Pardede', 'Sinaga', 'Tampubolon', 'Manurung', 'Panjaitan', 'Simatupang', 'Silalahi', 'Hutagalung'],
    inherited: true,
    mononymRate: 0,
    christian: true,
  },
  MINANG: {
    adultMale: ['Afrizal', 'Zulkifli', 'Yusril', 'Rizal', 'Fadli', 'Irwan', 'Hendri', 'Syafrizal', 'Rahmat', 'Novrizal', 'Elfindri'],
    adultFemale: ['Nurhayati', 'Yusnita', 'Desi', 'Rahmi', 'Fitri', 'Elvi', 'Yenni', 'Nofrita', 'Yulia', 'Rosna'],
    family: ['Chaniago', 'Tanjung', 'Piliang', 'Sikumbang', 'Koto', 'Putra', 'Syahputra'],
    familyFemale: ['Chaniago', 'Tanjung', 'Piliang', 'Putri', 'Yulianti', 'Syahputri'],
    inherited: false,
    mononymRate: 0.4,
  },
  BUGIS: {
    adultMale: ['Andi Baso', 'Syahrul', 'Hasanuddin', 'Nurdin', 'Arifin', 'Irfan', 'Ilham', 'Muh. Akbar', 'Rusdi', 'Amiruddin', 'Andi Muhammad', 'Baharuddin'],
    adultFemale: ['Sitti', 'Andi Tenri', 'Besse', 'Hasnah', 'Rosmini', 'Nurul', 'Masniah', 'Andi Nurhayati', 'Hj. Nurlia', 'Sitti Aisyah'],
    family: ['Mattalitti', 'Pawellangi', 'Mallarangeng', 'Paloloang', 'Daeng Ngemba', 'Mappanyukki', 'Syamsuddin', 'Rahman'],
    familyFemale: ['Mattalitti', 'Pawellangi', 'Mappanyukki', 'Rahman', 'Daeng Bau', 'Nurdin'],
    inherited: false,
    mononymRate: 0.3,
  },
  BALINESE: {
    adultMale: ['Sudarsana', 'Arya', 'Budiarta', 'Suardana', 'Widiana', 'Putra', 'Darma', 'Mahendra', 'Sukadana', 'Wirawan', 'Astawa'],
    adultFemale: ['Ayu', 'Sri', 'Dewi', 'Lestari', 'Purnami', 'Sukmawati', 'Ariani', 'Wulandari', 'Suartini', 'Sariasih'],
    childMale: ['Arya', 'Bagus', 'Dharma', 'Satya', 'Krisna', 'Yoga', 'Aditya', 'Surya'],
    childFemale: ['Ayu', 'Intan', 'Sinta', 'Dewi', 'Cahya', 'Pradnyani', 'Maharani', 'Kirana'],
    family: [],
    inherited: false,
    mononymRate: 0,
  },
  CHINESE_INDONESIAN: {
    adultMale: ['Hendra', 'Budi', 'Kevin', 'Michael', 'Vincent', 'Yohanes', 'Steven', 'Felix', 'Andreas', 'William', 'Hartono', 'Gunawan', 'Johan'],
    adultFemale: ['Jessica', 'Stefanie', 'Felicia', 'Angeline', 'Cindy', 'Melinda', 'Lina', 'Susanti', 'Vivian', 'Caroline', 'Meiliana', 'Lanny'],
    childMale: ['Kenzo', 'Ryan', 'Jayden', 'Evan', 'Nicholas', 'Darren', 'Calvin', 'Kelvin'],
    childFemale: ['Chelsea', 'Valerie', 'Michelle', 'Audrey', 'Clarissa', 'Cheryl', 'Shania', 'Gabriella'],
    family: ['Wijaya', 'Tanoto', 'Gunawan', 'Halim', 'Salim', 'Santoso', 'Kusuma', 'Setiadi', 'Tanuwijaya', 'Hartanto', 'Lim', 'Tan', 'Ong', 'Sutanto', 'Widjaja', 'Liem'],
    inherited: true,
    mononymRate: 0.1,
  },
  MINAHASA: {
    adultMale: ['Johny', 'Ferry', 'Stevanus', 'Marthen', 'Frans', 'Reinhard', 'Jemmy', 'Denny'],
    adultFemale: ['Meiske', 'Vivi', 'Deasy', 'Grace', 'Marlyn', 'Olivia', 'Jeane', 'Femmy'],
    family: ['Sumampow', 'Lumenta', 'Wowor', 'Mandagi', 'Rumengan', 'Tumbelaka', 'Pangemanan', 'Kalalo', 'Rondonuwu', 'Wenas'],
    inherited: true,
    mononymRate: 0,
    christian: true,
  },
  AMBONESE: {
    adultMale: ['Yopi', 'Frans', 'Agustinus', 'Jacob', 'Ronald', 'Abdullah', 'Ismail', 'Hengky'],
    adultFemale: ['Olivia', 'Welmina', 'Yuliana', 'Nona Maria', 'Fatma', 'Salma', 'Elsye'],
    family: ['Pattinama', 'Latuconsina', 'Siwabessy', 'Tuhumury', 'Leiwakabessy', 'Matulessy', 'Sahetapy', 'Tuasikal', 'Latumahina', 'Pelupessy'],
    inherited: true,
    mononymRate: 0,
    christian: true,
  },
  PAPUAN: {
    adultMale: ['Yohanes', 'Markus', 'Yakob', 'Petrus', 'Natan', 'Benny', 'Yance', 'Otto'],
    adultFemale: ['Maria', 'Yuliana', 'Agustina', 'Fransina', 'Ester', 'Naomi', 'Mince', 'Selina'],
    family: ['Rumbiak', 'Wenda', 'Kogoya', 'Mandacan', 'Wonda', 'Yikwa', 'Karubaba', 'Rumbewas', 'Ayomi', 'Kaisiepo', 'Mofu', 'Wanimbo'],
    inherited: true,
    mononymRate: 0,
    christian: true,
  },
  NTT: {
    adultMale: ['Yohanes', 'Fransiskus', 'Petrus', 'Aloysius', 'Kornelis', 'Yoseph', 'Marselinus'],
    adultFemale: ['Maria', 'Yuliana', 'Theresia', 'Agnes', 'Veronika', 'Margaretha', 'Florentina'],
    family: ['da Silva', 'Fernandez', 'Bria', 'Lado', 'Nahak', 'Seran', 'Manek', 'Tefa', 'Ndun', 'Laka', 'Parera', 'Dethan'],
    inherited: true,
    mononymRate: 0,
    christian: true,
  },
  MALAY_MUSLIM: {
    adultMale: ['Muhammad', 'Ahmad', 'Abdul Rahman', 'Fauzan', 'Ikhsan', 'Hasan', 'Husein', 'Zulfikar', 'Teuku Ramli', 'Saiful', 'Lalu Ahmad', 'Rusli'],
    adultFemale: ['Fatimah', 'Aisyah', 'Nurul', 'Cut Nyak Rahmah', 'Khadijah', 'Rahmah', 'Zainab', 'Maryam', 'Baiq Nurul', 'Halimah', 'Rosnah'],
    family: ['Ibrahim', 'Yusuf', 'Abdullah', 'Ismail', 'Hamzah', 'Syahputra', 'Ramadhan', 'Hidayat', 'Usman', 'Zakaria'],
    familyFemale: ['Ibrahim', 'Yusuf', 'Abdullah', 'Ismail', 'Syahputri', 'Ramadhani', 'Hidayati', 'Zakaria'],
    inherited: false,
    mononymRate: 0.3,
  },
};

/** Which naming customs are common in a province (weights). */
export const STYLES_BY_PROVINCE: Readonly<Record<string, readonly (readonly [NameStyleKey, number])[]>> = {
  '11': [['MALAY_MUSLIM', 8], ['JAVANESE', 1], ['BATAK', 1]],
  '12': [['BATAK', 6], ['MALAY_MUSLIM', 2], ['JAVANESE', 2], ['CHINESE_INDONESIAN', 1]],
  '13': [['MINANG', 9], ['JAVANESE', 1]],
  '31': [['JAVANESE', 4], ['SUNDANESE', 2], ['MALAY_MUSLIM', 2], ['CHINESE_INDONESIAN', 1], ['BATAK', 1], ['MINANG', 1]],
  '32': [['SUNDANESE', 8], ['JAVANESE', 2], ['CHINESE_INDONESIAN', 1]],
  '33': [['JAVANESE', 9], ['CHINESE_INDONESIAN', 1]],
  '34': [['JAVANESE', 9], ['CHINESE_INDONESIAN', 1]],
  '35': [['JAVANESE', 8], ['MALAY_MUSLIM', 1], ['CHINESE_INDONESIAN', 1]],
  '36': [['SUNDANESE', 5], ['JAVANESE', 3], ['CHINESE_INDONESIAN', 1], ['MALAY_MUSLIM', 1]],
  '51': [['BALINESE', 9], ['JAVANESE', 1]],
  '52': [['MALAY_MUSLIM', 7], ['BALINESE', 1], ['JAVANESE', 1]],
  '53': [['NTT', 9], ['MALAY_MUSLIM', 1]],
  '61': [['MALAY_MUSLIM', 4], ['CHINESE_INDONESIAN', 3], ['JAVANESE', 2]],
  '64': [['JAVANESE', 4], ['BUGIS', 3], ['MALAY_MUSLIM', 2]],
  '71': [['MINAHASA', 9], ['MALAY_MUSLIM', 1]],
  '73': [['BUGIS', 9], ['JAVANESE', 1]],
  '81': [['AMBONESE', 8], ['BUGIS', 1], ['MALAY_MUSLIM', 1]],
  '91': [['PAPUAN', 7], ['BUGIS', 1], ['JAVANESE', 1], ['AMBONESE', 1]],
};

/** Call names (nama panggilan) customary for children regardless of their registered name. */
export const CUSTOMARY_CALL_NAMES: Partial<Record<NameStyleKey, { readonly male: readonly string[]; readonly female: readonly string[] }>> = {
  BATAK: { male: ['Ucok'], female: ['Butet'] },
  SUNDANESE: { male: ['Ujang', 'Jang'], female: ['Neng', 'Eneng'] },
  JAVANESE: { male: ['Le', 'Thole'], female: ['Nduk', 'Genduk'] },
  MINAHASA: { male: ['Nyong'], female: ['Nona'] },
  AMBONESE: { male: ['Nyong'], female: ['Nona'] },
};
