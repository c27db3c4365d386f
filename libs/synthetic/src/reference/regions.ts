// Indonesian administrative regions for NIKs and addresses. Province codes are the Kemendagri
// (Dukcapil) codes that open every NIK, including the 2022 Papua provinces (93–96). Regency codes
// follow Kemendagri for the regencies listed (kota 71–79); district (kecamatan) codes are
// illustrative, numbered in list order. Postal prefixes are the first three digits of the regency's
// kode pos range. Only a sample of regencies and districts is listed per province.

/** A kecamatan and a few of its kelurahan/desa. */
export interface District {
  readonly code: string;
  readonly name: string;
  readonly villages: readonly string[];
}

/** A kabupaten or kota. */
export interface Regency {
  readonly code: string;
  readonly name: string;
  readonly kind: 'KABUPATEN' | 'KOTA';
  readonly postalPrefix: string;
  readonly districts: readonly District[];
}

/** A province with its two-digit Kemendagri code. */
export interface Province {
  readonly code: string;
  readonly name: string;
  readonly regencies: readonly Regency[];
}

type RegencyRow = readonly [code: string, name: string, postalPrefix: string, districts: readonly (readonly [name: string, villages: readonly string[]])[]];

function regencies(rows: readonly RegencyRow[]): readonly Regency[] {
  return rows.map(([code, name, postalPrefix, districts]) => ({
    code,
    name,
    kind: Number(code) >= 71 ? 'KOTA' : 'KABUPATEN',
    postalPrefix,
    districts: districts.map(([districtName, villages], i) => ({ code: String(i + 1).padStart(2, '0'), name: districtName, villages })),
  }));
}

const DETAIL: Readonly<Record<string, readonly RegencyRow[]>> = {
  '11': [
    ['71', 'Kota Banda Aceh', '231', [['Baiturrahman', ['Peuniti', 'Neusu Jaya', 'Sukaramai']], ['Kuta Alam', ['Lampulo', 'Bandar Baru', 'Peunayong']], ['Syiah Kuala', ['Kopelma Darussalam', 'Rukoh', 'Lamgugob']]]],
    ['06', 'Kab. Aceh Besar', '233', [['Ingin Jaya', ['Lambaro', 'Meunasah Manyang']], ['Darul Imarah', ['Lampeuneurut', 'Garot']]]],
  ],
  '12': [
    ['71', 'Kota Medan', '201', [['Medan Baru', ['Darat', 'Petisah Hulu', 'Titi Rantai']], ['Medan Petisah', ['Sekip', 'Sei Putih Barat']], ['Medan Helvetia', ['Helvetia Timur', 'Tanjung Gusta']]]],
    ['07', 'Kab. Deli Serdang', '203', [['Lubuk Pakam', ['Lubuk Pakam Pekan', 'Cemara']], ['Percut Sei Tuan', ['Bandar Setia', 'Tembung']]]],
    ['12', 'Kab. Toba', '223', [['Balige', ['Napitupulu Bagasan', 'Balige I']], ['Laguboti', ['Pintu Bosi', 'Sibuea']]]],
  ],
  '13': [
    ['71', 'Kota Padang', '251', [['Padang Barat', ['Olo', 'Purus', 'Belakang Tangsi']], ['Koto Tangah', ['Air Pacah', 'Lubuk Buaya']]]],
    ['75', 'Kota Bukittinggi', '261', [['Guguk Panjang', ['Benteng Pasar Atas', 'Bukit Cangang']], ['Mandiangin Koto Selayan', ['Campago Ipuh', 'Puhun Tembok']]]],
  ],
  '31': [
    ['71', 'Kota Jakarta Pusat', '101', [['Gambir', ['Gambir', 'Kebon Kelapa', 'Petojo Utara']], ['Tanah Abang', ['Bendungan Hilir', 'Kebon Melati']], ['Menteng', ['Menteng', 'Gondangdia']]]],
    ['72', 'Kota Jakarta Utara', '144', [['Penjaringan', ['Pluit', 'Kamal Muara']], ['Koja', ['Tugu Utara', 'Lagoa']]]],
    ['73', 'Kota Jakarta Barat', '117', [['Cengkareng', ['Cengkareng Barat', 'Kapuk']], ['Kebon Jeruk', ['Sukabumi Utara', 'Kedoya Selatan']]]],
    ['74', 'Kota Jakarta Selatan', '128', [['Tebet', ['Tebet Barat', 'Manggarai']], ['Kebayoran Baru', ['Gandaria Utara', 'Melawai']]]],
    ['75', 'Kota Jakarta Timur', '134', [['Cakung', ['Cakung Barat', 'Pulo Gebang']], ['Jatinegara', ['Bidara Cina', 'Kampung Melayu']]]],
  ],
  '32': [
    ['73', 'Kota Bandung', '401', [['Sukasari', ['Isola', 'Gegerkalong', 'Sarijadi']], ['Coblong', ['Dago', 'Lebakgede', 'Sekeloa']], ['Bandung Wetan', ['Citarum', 'Tamansari']], ['Kiaracondong', ['Kebonjayanti', 'Babakan Sari']]]],
    ['04', 'Kab. Bandung', '403', [['Baleendah', ['Andir', 'Manggahang']], ['Soreang', ['Soreang', 'Pamekaran']]]],
    ['01', 'Kab. Bogor', '169', [['Cibinong', ['Pakansari', 'Tengah']], ['Citeureup', ['Puspanegara', 'Tarikolot']]]],
    ['76', 'Kota Depok', '164', [['Beji', ['Kemiri Muka', 'Pondok Cina']], ['Pancoran Mas', ['Depok Jaya', 'Rangkapan Jaya']]]],
  ],
  '33': [
    ['74', 'Kota Semarang', '502', [['Semarang Tengah', ['Sekayu', 'Pandansari']], ['Tembalang', ['Bulusan', 'Sendangmulyo']], ['Banyumanik', ['Srondol Kulon', 'Pudakpayung']]]],
    ['72', 'Kota Surakarta', '571', [['Laweyan', ['Sondakan', 'Pajang']], ['Jebres', ['Jebres', 'Mojosongo']]]],
    ['02', 'Kab. Banyumas', '531', [['Purwokerto Selatan', ['Karangklesem', 'Teluk']], ['Sokaraja', ['Sokaraja Kulon', 'Sokaraja Tengah']]]],
  ],
  '34': [
    ['71', 'Kota Yogyakarta', '551', [['Gondokusuman', ['Baciro', 'Demangan', 'Terban']], ['Umbulharjo', ['Warungboto', 'Giwangan']], ['Kraton', ['Patehan', 'Panembahan']]]],
    ['04', 'Kab. Sleman', '555', [['Depok', ['Caturtunggal', 'Maguwoharjo']], ['Mlati', ['Sinduadi', 'Sendangadi']], ['Ngaglik', ['Sinduharjo', 'Sardonoharjo']]]],
    ['02', 'Kab. Bantul', '557', [['Sewon', ['Panggungharjo', 'Bangunharjo']], ['Kasihan', ['Tamantirto', 'Ngestiharjo']]]],
  ],
  '35': [
    ['78', 'Kota Surabaya', '602', [['Tegalsari', ['Kedungdoro', 'Dr. Soetomo']], ['Wonokromo', ['Darmo', 'Jagir']], ['Rungkut', ['Kali Rungkut', 'Penjaringan Sari']]]],
    ['73', 'Kota Malang', '651', [['Klojen', ['Kauman', 'Oro-oro Dowo']], ['Lowokwaru', ['Jatimulyo', 'Dinoyo']]]],
    ['09', 'Kab. Jember', '681', [['Kaliwates', ['Kepatihan', 'Mangli']], ['Sumbersari', ['Kebonsari', 'Tegal Gede']]]],
  ],
  '36': [
    ['71', 'Kota Tangerang', '151', [['Cipondoh', ['Cipondoh', 'Poris Plawad']], ['Karawaci', ['Nusa Jaya', 'Bojong Jaya']]]],
    ['03', 'Kab. Tangerang', '158', [['Kelapa Dua', ['Bencongan', 'Bojong Nangka']], ['Curug', ['Curug Kulon', 'Kadu']]]],
    ['73', 'Kota Serang', '421', [['Serang', ['Cipare', 'Kotabaru']], ['Cipocok Jaya', ['Banjar Agung', 'Penancangan']]]],
  ],
  '51': [
    ['71', 'Kota Denpasar', '802', [['Denpasar Barat', ['Dauh Puri', 'Pemecutan']], ['Denpasar Selatan', ['Sesetan', 'Panjer']], ['Denpasar Utara', ['Peguyangan', 'Ubung']]]],
    ['03', 'Kab. Badung', '803', [['Kuta', ['Kuta', 'Legian']], ['Mengwi', ['Mengwi', 'Abianbase']]]],
    ['04', 'Kab. Gianyar', '805', [['Ubud', ['Ubud', 'Peliatan']], ['Sukawati', ['Sukawati', 'Batubulan']]]],
  ],
  '52': [
    ['71', 'Kota Mataram', '831', [['Ampenan', ['Ampenan Selatan', 'Dayan Peken']], ['Cakranegara', ['Cakranegara Barat', 'Sayang-Sayang']]]],
    ['01', 'Kab. Lombok Barat', '833', [['Gerung', ['Gerung Utara', 'Dasan Geres']], ['Narmada', ['Narmada', 'Lembuak']]]],
  ],
  '53': [
    ['71', 'Kota Kupang', '851', [['Oebobo', ['Oebobo', 'Fatululi']], ['Kelapa Lima', ['Oesapa', 'Kelapa Lima']]]],
    ['10', 'Kab. Sikka', '861', [['Alok', ['Kota Uneng', 'Madawat']], ['Kewapante', ['Waiara', 'Namangkewa']]]],
  ],
  '61': [['71', 'Kota Pontianak', '781', [['Pontianak Kota', ['Darat Sekip', 'Tengah']], ['Pontianak Barat', ['Sungai Beliung', 'Pal Lima']]]]],
  '64': [
    ['72', 'Kota Samarinda', '751', [['Samarinda Ulu', ['Air Putih', 'Sidodadi']], ['Sungai Kunjang', ['Loa Bakung', 'Karang Asam Ulu']]]],
    ['71', 'Kota Balikpapan', '761', [['Balikpapan Selatan', ['Gunung Bahagia', 'Sepinggan']], ['Balikpapan Utara', ['Batu Ampar', 'Gunung Samarinda']]]],
  ],
  '71': [['71', 'Kota Manado', '951', [['Wenang', ['Wenang Utara', 'Pinaesaan']], ['Malalayang', ['Malalayang Satu', 'Bahu']]]]],
  '73': [
    ['71', 'Kota Makassar', '902', [['Tamalate', ['Mangasa', 'Jongaya']], ['Panakkukang', ['Pandang', 'Karampuang']], ['Rappocini', ['Gunung Sari', 'Banta-Bantaeng']]]],
    ['08', 'Kab. Bone', '927', [['Tanete Riattang', ['Watampone', 'Bukaka']], ['Tanete Riattang Barat', ['Macege', 'Majang']]]],
  ],
  '81': [['71', 'Kota Ambon', '971', [['Sirimau', ['Batu Merah', 'Karang Panjang']], ['Nusaniwe', ['Benteng', 'Kudamati']]]]],
  '91': [['71', 'Kota Jayapura', '991', [['Jayapura Utara', ['Gurabesi', 'Bhayangkara']], ['Abepura', ['Kota Baru', 'Way Mhorock']]]]],
};

const PROVINCE_NAMES: readonly (readonly [code: string, name: string])[] = [
  ['11', 'Aceh'],
  ['12', 'Sumatera Utara'],
  ['13', 'Sumatera Barat'],
  ['14', 'Riau'],
  ['15', 'Jambi'],
  ['16', 'Sumatera Selatan'],
  ['17', 'Bengkulu'],
  ['18', 'Lampung'],
  ['19', 'Kepulauan Bangka Belitung'],
  ['21', 'Kepulauan Riau'],
  ['31', 'DKI Jakarta'],
  ['32', 'Jawa Barat'],
  ['33', 'Jawa Tengah'],
  ['34', 'DI Yogyakarta'],
  ['35', 'Jawa Timur'],
  ['36', 'Banten'],
  ['51', 'Bali'],
  ['52', 'Nusa Tenggara Barat'],
  ['53', 'Nusa Tenggara Timur'],
  ['61', 'Kalimantan Barat'],
  ['62', 'Kalimantan Tengah'],
  ['63', 'Kalimantan Selatan'],
  ['64', 'Kalimantan Timur'],
  ['65', 'Kalimantan Utara'],
  ['71', 'Sulawesi Utara'],
  ['72', 'Sulawesi Tengah'],
  ['73', 'Sulawesi Selatan'],
  ['74', 'Sulawesi Tenggara'],
  ['75', 'Gorontalo'],
  ['76', 'Sulawesi Barat'],
  ['81', 'Maluku'],
  ['82', 'Maluku Utara'],
  ['91', 'Papua'],
  ['92', 'Papua Barat'],
  ['93', 'Papua Selatan'],
  ['94', 'Papua Tengah'],
  ['95', 'Papua Pegunungan'],
  ['96', 'Papua Barat Daya'],
];

/** All 38 provinces by Kemendagri code; regencies listed for a sample of them. */
export const PROVINCES: readonly Province[] = PROVINCE_NAMES.map(([code, name]) => ({ code, name, regencies: regencies(DETAIL[code] ?? []) }));

/** The 38 two-digit province codes that can open a valid NIK. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCES.map((p) => p.code));
