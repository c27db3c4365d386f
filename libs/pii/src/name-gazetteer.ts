// A gazetteer of Indonesian personal names, lower case. Indonesians often carry a single name,
// and many given names are also ordinary words, so the detector uses this list together with
// honorifics, context words and a second name token (see names.ts), never alone for AMBIGUOUS_NAMES.

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Given names: Arabic-derived, Javanese, Sundanese, Balinese birth-order, Batak, Bugis, Christian, Chinese-Indonesian and current popular names. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(words(`
  muhammad muhamad mohammad mohamad mochammad mochamad moh muh mhd abdul abdullah abdurrahman ahmad achmad ali umar usman
  hasan hassan husein husin ibrahim ismail yusuf yunus musa idris hamzah hamid rahman rahim rahmad hidayat syarif syarifah
  fatimah aisyah khadijah zainab siti nurul nuraini nurhayati nurjanah nurlela annisa anisa nisa aulia azzahra zahra
  salsabila nabila naila laila maryam fitriani fitria rizki rizky rizqi riski faisal farhan fauzi fauzan iqbal irfan arief
  akbar anwar aziz bilal hafiz hafidz haris ikhsan ihsan jamaludin lukman luthfi lutfi mahmud malik mansur nasir rafi
  ridwan rosyid saleh sulaiman syamsul taufik wahid yahya zaki zulkifli zulfikar habibi khairul khoirul munir mustafa
  alif alfian ilyas alfarizi maulana firmansyah ramadhani hamdani
  agus bambang joko djoko sutrisno suharto sukarno supriyadi suparman sumarno sutarno eko wahyudi setiawan
  santoso susanto purnomo prasetyo pratama pratiwi utomo nugroho wibowo hartono kurniawan kurniasih handayani
  wulandari puspita puspitasari rahmawati susanti suryani yanti yuliani yulianti sulistyowati widodo wijaya darmawan
  gunawan hidayati kusuma kusumawati anggraini ratna endang sumiati suminah tumini painem sukirman paijo parman tukiyem
  ngatini sarinah marni warsini yuni yuli dimas bagas anton andi rudi hendra hendro heru iwan joni dedi dedy deni doni
  edi gilang haryanto indra irwan ivan jaka krisna lina lilis mulyadi mulyani nanang novi novita oktaviani reza rina rini
  risma rita rosita sinta shinta siska sofyan sugiarto suryadi tini tono tuti yudi yanto yoga zaenal saputra saputri
  syahputra hermawan setiawati permana anjani aprilia safitri febrianti febriani oktavia septiani novitasari desi dessy
  agustina handoko irawan kusnadi mulyono priyanto rusdi sahrul sudirman sujono sukardi sunarti suwarni tarmizi waluyo
  yulia sumarni sumini suparno suprapto sugiyono sutopo sriyani wartini kartini kartika larasati anggita ayuningtyas
  prabowo haryono supardi sukarti juwita yusuf yusril
  asep cecep dadang ujang euis neneng iis entin dadan deden engkus enung yayat atep aep
  wayan nyoman ketut putu kadek komang nengah gusti ngurah luh
  ucok butet togar poltak maruli rosmawati tiurma sahat
  daeng baso becce cenne tenri andi
  maria yohanes yosef yosep petrus paulus stefanus fransiskus antonius agustinus yakobus markus lukas matius daniel david
  samuel kristina kristin theresia elisabeth magdalena veronika natalia yohana debora ester michael kevin steven jessica
  clara agnes monika sisilia christian imanuel emanuel yosua yehezkiel
  aldi adit aditya alya amanda andika angga anggun ardi arga arkan aryo bella dafa daffa dinda dika dina dini dio dodi
  elsa erlangga fadli fadil fahri farel fira gita hana hani jihan kayla keisha kirana nadia nanda naufal nayla nia niken
  pipit puput raka rangga rara ratih raisa rehan reyhan rian rio riska rizal salma shafa syifa tasya tiara vina winda
  yudha zaskia zidan
  abizar arsenio keenan kenan kenzo khansa naura azza azka fathan fadhil fadhila adinda anindya arya rafa galang shania
  alesha aqila arkana athala ayesha azzam barra danendra elvano ezra faiz ghazi kiano nadhif nathan rayyan zhafira
  zahira nafisa budi rana dani adin anin tian
  jonathan gabriel gabriella angelina angeline michelle nicholas cheryl ricardo calvin kelvin felicia valerie vincent
  immanuel caroline stefanie vivian andreas william cindy jacob johan ronald olivia naomi marlyn selina jeane femmy
  denny benny ferry jemmy johny yopi hengky yance reinhard otto elsye margaretha welmina fransina mince deasy lanny
  melinda gracia meiliana kornelis aloysius marselinus yoseph yakob frans natan florentina felix audrey
  enok eneng jajang encep usep imas nenden yayan tati nining ela ningsih wahyuni sumantri herawati marlina astuti
  suharti suryanto rosnah purnami sukmawati widiana ariani nurhasanah sulaeman zakaria
  besse sitti rosmini hasnah masniah nurlia baharuddin amiruddin syamsuddin hasanuddin ramli nurdin rusli arifin
  syahrul saiful halimah fatma rahmah elfindri nofrita syafrizal afrizal novrizal yusnita yenni rahmi elvi hendri
  syahputri lasmaria rumondang rotua dameria tiomina romauli bonar tigor horas hotman parlindungan teuku baiq
  ryan clarissa chelsea darren jayden evan yuliana valencia jessica nathania
`));

/** Family names: Batak marga, Minang suku, Balinese and Javanese surnames, Chinese-Indonesian surnames. */
export const FAMILY_NAMES: ReadonlySet<string> = new Set(words(`
  siregar nasution simanjuntak hutapea harahap lubis sitompul sihombing simatupang panjaitan pardede sinaga situmorang
  tampubolon manurung napitupulu silalahi sitorus damanik saragih ginting sembiring tarigan sitepu hutagalung
  pasaribu siahaan pohan rangkuti batubara daulay hasibuan ritonga marpaung butarbutar gultom hutabarat simbolon aritonang
  nainggolan samosir sidabutar tobing lumbantobing matondang dalimunthe pulungan
  chaniago caniago piliang sikumbang jambak effendi zulkarnain
  sudarma suartana sukadana wirawan astawa arsana
  liem tjoa oei gouw kwee tanoto halim sutanto hartanto tjahjadi tjandra chandra huang siauw setiadi tanujaya
  widjaja hadinata kurniadi tanuwijaya salim
  saepudin setiadi suryana sunarya nugraha cahyono komalasari
  mallarangeng mappanyukki paloloang pawellangi mattalitti
  leiwakabessy pelupessy matulessy latuconsina latumahina tuhumury siwabessy pattinama tuasikal sahetapy
  wenas rondonuwu pangemanan lumenta mandagi sumampow kalalo tumbelaka rumengan
  kogoya wonda yikwa wanimbo karubaba rumbiak mofu ayomi
  dethan manek nahak seran ndun tefa laka bria ngemba parera fernandez lado
`));

/** Names that are also everyday words (or places, months, titles): they count only with context or a second name token. */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(words(`
  indah bunga intan mawar melati bintang cahaya putri putra mulia sari ayu bagus agung jaya dewi kasih suci murni mega
  tri eka dwi adi permata rahmat iman ilham fajar wahyu hadi harapan setia sakti satria bayu citra dian laras lestari
  rahayu teguh slamet sugeng made gede ida sang dewa raja ratu galih aji arif hakim imam amir said nur cahya kurnia
  mulya jamal kamal salim tan lim go lie ong kho the wong lee lin chen ade dede cucu ai ema angel grace sri ratna
  mutiara embun pelangi senja fitri ramadhan hidayah maya purba tanjung koto guci ginting wati yanti budiman
  wibawa santosa utama jati sejati bening dini yoga pratama kartika
  bima wulan surya puji citra kira cut nyak
`));

/** True for any gazetteer name, ambiguous or not. */
export function isGazetteerName(key: string): boolean {
  return GIVEN_NAMES.has(key) || FAMILY_NAMES.has(key) || AMBIGUOUS_NAMES.has(key);
}
