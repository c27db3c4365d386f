// Words the generator writes and the classifier may look for: honorifics, medical terms, months.

/** Honorifics and titles written before names (Indonesian usage). */
export const HONORIFICS = ['Bapak', 'Pak', 'Ibu', 'Bu', 'Sdr.', 'Sdri.', 'Kak', 'Mas', 'Mbak', 'dr.', 'Bidan', 'Ners', 'Adik', 'Dek', 'An.', 'Tn.', 'Ny.'] as const;

/** Honorifics by the sex of the person addressed, and for professionals. */
export const HONORIFICS_BY_SEX = {
  MALE: ['Bapak', 'Pak', 'Sdr.', 'Mas', 'Kak', 'Tn.'],
  FEMALE: ['Ibu', 'Bu', 'Sdri.', 'Mbak', 'Kak', 'Ny.'],
  CHILD: ['An.', 'Adik', 'Dek'],
} as const;

/** Diagnoses and conditions as written in Indonesian case notes. */
export const MEDICAL_CONDITIONS = [
  'gizi buruk',
  'gizi kurang',
  'stunting',
  'wasting',
  'TBC',
  'TB paru',
  'demam berdarah',
  'DBD',
  'diare',
  'diare kronis',
  'ISPA',
  'pneumonia',
  'campak',
  'malaria',
  'anemia',
  'cacingan',
  'asma',
  'epilepsi',
  'dermatitis',
  'skabies',
  'HIV',
  'hepatitis B',
  'thalassemia',
  'kejang demam',
  'trauma psikologis',
  'depresi',
] as const;

/** Injuries as written in Indonesian incident and health notes. */
export const INJURIES = [
  'luka memar',
  'luka lebam',
  'luka bakar',
  'luka sayat',
  'patah tulang lengan',
  'lecet di lutut',
  'bekas cubitan',
  'bekas sundutan rokok',
  'memar di wajah',
] as const;

/** Every medical term above, for free-text scanning. */
export const MEDICAL_TERMS: readonly string[] = [...MEDICAL_CONDITIONS, ...INJURIES, 'imunisasi', 'rawat inap', 'Puskesmas', 'RSUD', 'obat anti tuberkulosis'];

/** Allergies as recorded. */
export const ALLERGIES = ['udang', 'kacang tanah', 'telur', 'susu sapi', 'ikan laut', 'debu', 'amoksisilin', 'penisilin', 'sulfa'] as const;

/** Disabilities as recorded (Indonesian terms). */
export const DISABILITIES = ['tunarungu', 'tunanetra', 'tunadaksa', 'tunagrahita ringan', 'autisme', 'down syndrome', 'cerebral palsy', 'gangguan bicara'] as const;

/** Indonesian month names, January first. */
export const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

/** Mobile operator prefixes after the leading 0 (Telkomsel, Indosat, XL, Axis, Tri, Smartfren). */
export const MOBILE_PREFIXES = [
  '811', '812', '813', '821', '822', '823', '851', '852', '853',
  '814', '815', '816', '855', '856', '857', '858',
  '817', '818', '819', '859', '877', '878',
  '831', '832', '833', '838',
  '895', '896', '897', '898', '899',
  '881', '882', '883', '884', '885', '886', '887', '888', '889',
] as const;

/** E-mail domains with rough popularity weights. */
export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 50],
  ['yahoo.co.id', 14],
  ['yahoo.com', 8],
  ['ymail.com', 3],
  ['hotmail.com', 4],
  ['outlook.com', 4],
  ['outlook.co.id', 2],
  ['icloud.com', 2],
  ['rocketmail.com', 1],
  ['mail.ugm.ac.id', 2],
  ['ui.ac.id', 2],
  ['telkom.net', 1],
  ['kemensos.go.id', 1],
  ['yayasanpeduli.or.id', 1],
];

/** Street names (with their Jl./Gg. prefix). */
export const STREETS = [
  'Jl. Merdeka', 'Jl. Jend. Sudirman', 'Jl. Diponegoro', 'Jl. Gatot Subroto', 'Jl. Pahlawan', 'Jl. Ahmad Yani', 'Jl. Pemuda', 'Jl. Kartini',
  'Jl. Imam Bonjol', 'Jl. Cendana', 'Jl. Melati', 'Jl. Mawar', 'Jl. Kenanga', 'Jl. Flamboyan', 'Jl. Veteran', 'Jl. Hasanuddin', 'Jl. Teuku Umar',
  'Jl. Cut Nyak Dien', 'Jl. Raden Saleh', 'Jl. Sisingamangaraja', 'Jl. Dr. Wahidin', 'Jl. KH. Hasyim Asyari', 'Jl. Raya Pasar', 'Jl. Kebon Jeruk',
  'Gg. Masjid', 'Gg. Kenanga', 'Gg. Haji Umar', 'Gg. Swadaya', 'Gg. Damai', 'Gg. Mawar', 'Gg. Buntu',
] as const;

/** Housing estates, written as 'Perum X Blok C2 No. 5'. */
export const ESTATES = ['Perum Griya Asri', 'Komplek Pondok Indah', 'Perumahan Bumi Permai', 'Perum Taman Sari', 'Komplek Villa Melati', 'Perumnas Harapan Jaya'] as const;

/** Public places where a child may last have been seen. */
export const PUBLIC_PLACES = ['Pasar', 'Terminal', 'Stasiun', 'Masjid Agung', 'Alun-alun', 'Pelabuhan', 'Mall', 'Warnet dekat SDN 3', 'Lapangan'] as const;

/** Care-facility names (LKSA / panti asuhan). */
export const FACILITY_NAMES = [
  'Panti Asuhan Kasih Ibu', 'LKSA Darul Aitam', 'Panti Asuhan Muhammadiyah', 'Yayasan Sayap Ibu', 'Panti Asuhan Bhakti Luhur', 'LKSA Al-Hidayah',
  'Panti Asuhan Putra Harapan', 'Rumah Singgah Anak Mandiri', 'Panti Asuhan Eben Haezer', 'LKSA Nurul Iman', 'Panti Sosial Asuhan Anak Budi Utomo',
  'Yayasan Pelita Kasih', 'Panti Asuhan Yatim Piatu Al-Ikhlas', 'LKSA Tunas Bangsa', 'Panti Asuhan Santa Maria', 'Panti Asuhan Mekar Sari',
] as const;
