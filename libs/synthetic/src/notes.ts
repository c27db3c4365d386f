// Free-text notes in Indonesian, from templates that mention personal data in varied forms
// (or none at all), the way caseworkers, health workers, donors and partners write them.
import type { CaretakerChangeReason, IncidentCategory, ObservationType } from '@cwp/avro';
import { ageYears } from './dates.js';
import type { PersonSex } from './people.js';
import { createMobileNumber } from './phones.js';
import type { Rng } from './prng.js';
import { HONORIFICS_BY_SEX, INJURIES, MEDICAL_CONDITIONS } from './reference/vocabulary.js';
import type { Adult, Child } from './world.js';
import type { TextWriter } from './writer.js';

/** What a note template may draw on. */
export interface NoteContext {
  readonly rng: Rng;
  readonly w: TextWriter;
  /** Event time, epoch ms. */
  readonly at: number;
}

type Template<A extends unknown[]> = (c: NoteContext, ...args: A) => string;

function honorific(rng: Rng, sex: PersonSex): string {
  return rng.pick(HONORIFICS_BY_SEX[sex]);
}

/** The child as a note refers to them: full name, call name or nickname, maybe after An./Adik. */
export function childRef(c: NoteContext, child: Child): string {
  const { rng, w } = c;
  const form = rng.weighted<'full' | 'call' | 'nick'>([['full', 5], ['call', 3], ['nick', child.nickname ? 2 : 0]]);
  const name = form === 'full' ? child.name.fullName : form === 'call' ? child.name.callName : (child.nickname ?? child.name.callName);
  return w.name(name, rng.chance(0.3) ? rng.pick(HONORIFICS_BY_SEX.CHILD) : null);
}

/** An adult as a note refers to them: 'Ibu Sri', 'Pak Budi Santoso', 'Sdri. Euis'. */
export function adultRef(c: NoteContext, person: Adult): string {
  const name = c.rng.chance(0.5) ? person.name.callName : person.name.fullName;
  return c.w.name(name, c.rng.chance(0.85) ? honorific(c.rng, person.sex) : null);
}

function relationWord(relationship: string | null): string {
  const words: Record<string, string> = { IBU: 'ibunya', AYAH: 'ayahnya', NENEK: 'neneknya', KAKEK: 'kakeknya', PAMAN: 'pamannya', BIBI: 'bibinya', KAKAK: 'kakaknya', ORANG_TUA_ASUH: 'orang tua asuh', WALI: 'walinya' };
  return (relationship && words[relationship]) ?? 'walinya';
}

function conditions(c: NoteContext, child: Child): string {
  return child.medical.conditions.length > 0 ? child.medical.conditions.join(' dan ') : c.rng.pick(MEDICAL_CONDITIONS);
}

function contactLine(c: NoteContext, person: Adult | null): string {
  if (!person) return '';
  if (person.mobile && c.rng.chance(0.7)) return ` Hubungi ${adultRef(c, person)} di ${c.w.phone(person.mobile)}.`;
  if (person.email && c.rng.chance(0.5)) return ` Kontak wali: ${c.w.email(person.email)}.`;
  return '';
}

const CASE_NOTES: readonly Template<[Child]>[] = [
  (c, ch) => `Anak atas nama ${childRef(c, ch)}${ch.nik ? ` (NIK ${c.w.nik(ch.nik)})` : ''} tinggal bersama ${relationWord(ch.guardian?.relationship ?? null)}${ch.address ? ` di ${c.w.address(ch.address)}` : ''}. Riwayat ${conditions(c, ch)}.`,
  (c, ch) => `Kunjungan rumah: ${childRef(c, ch)} terlihat kurus dan kurang terawat, dicurigai ${c.rng.pick(['gizi buruk', 'stunting', 'cacingan'])}.${contactLine(c, ch.guardian)}`,
  (c, ch) => `${childRef(c, ch)}, lahir ${c.w.dob(ch.dateOfBirth)}, belum memiliki akta kelahiran. Perlu pendampingan ke Disdukcapil.`,
  (c, ch) => `Riwayat ${conditions(c, ch)}; kontrol rutin ke Puskesmas ${ch.locality.district.name}.`,
  (c, ch) => (ch.guardian?.email ? `Wali (${c.w.name(ch.guardian.name.fullName)}, ${c.w.email(ch.guardian.email)}) meminta laporan perkembangan sekolah anak.` : 'Wali meminta laporan perkembangan sekolah anak.'),
  () => 'Anak ceria, aktif mengikuti kegiatan belajar. Tidak ada keluhan.',
  (c, ch) => (ch.guardian ? `Menurut tetangga, ${adultRef(c, ch.guardian)} sering bekerja di luar kota; ${childRef(c, ch)} sering ditinggal sendirian.` : 'Anak tidak memiliki wali yang jelas; tinggal berpindah-pindah.'),
  (c) => `Pendampingan psikososial sesi ke-${c.rng.int(2, 9)}. Anak masih menunjukkan tanda ${c.rng.pick(['trauma psikologis', 'kecemasan', 'sulit tidur'])}.`,
];

/** Case notes of a child record, or null (about a third of records carry none). */
export function caseNote(c: NoteContext, child: Child): string | null {
  return c.rng.chance(0.3) ? null : c.rng.pick(CASE_NOTES)(c, child);
}

const PERPETRATORS = ['ayah tiri', 'paman', 'tetangga', 'kakak kelas', 'majikan', 'ibu tiri', 'pengasuh'] as const;

const INCIDENT_BODIES: Readonly<Record<IncidentCategory, Template<[Child]>>> = {
  PHYSICAL_ABUSE: (c, ch) => `Ditemukan ${c.rng.pick(INJURIES)} pada ${childRef(c, ch)}. Anak mengaku dipukul oleh ${c.rng.pick(PERPETRATORS)}.`,
  SEXUAL_ABUSE: (c, ch) => `Dugaan kekerasan seksual terhadap anak ${childRef(c, ch)}. Korban sudah didampingi UPTD PPA, visum di RSUD.`,
  EMOTIONAL_ABUSE: () => 'Anak sering dimarahi, dihina dan dikurung di kamar. Anak tampak ketakutan saat ditanya.',
  NEGLECT: (c, ch) => `Anak ${childRef(c, ch)} sering ditinggal tanpa pengasuhan, tampak ${c.rng.pick(['gizi kurang', 'kotor dan demam', 'diare'])}, tidak sekolah sejak bulan lalu.`,
  EXPLOITATION: (c, ch) => `${childRef(c, ch)} (umur ${ageYears(ch.dateOfBirth, c.at)} th) dipaksa mengamen di perempatan sampai malam; uang diserahkan ke orang dewasa.`,
  CHILD_LABOUR: (c, ch) => `${childRef(c, ch)} bekerja sebagai ${c.rng.pick(['pemulung', 'buruh di pabrik batu bata', 'pembantu rumah tangga', 'kuli angkut pasar'])} dan putus sekolah.`,
  CHILD_MARRIAGE: (c, ch) =>
    `Anak perempuan ${ageYears(ch.dateOfBirth, c.at)} tahun akan dinikahkan bulan depan.${ch.guardian ? ` Orang tua: ${c.w.name(ch.guardian.name.fullName)}${ch.guardian.mobile ? `, ${c.w.phone(ch.guardian.mobile)}` : ''}.` : ''}`,
  TRAFFICKING: (c, ch) => `Ada tawaran kerja ke luar kota untuk ${childRef(c, ch)} melalui calo; nomor calo ${c.w.phone(createMobileNumber(c.rng))}.`,
  BULLYING: (c) => `Anak menjadi korban perundungan di sekolah, ada ${c.rng.pick(INJURIES)}. Pihak sekolah sudah dihubungi.`,
  DOMESTIC_VIOLENCE: (c, ch) => `Terjadi KDRT di rumah${ch.address ? ` ${c.w.address(ch.address)}` : ''}; anak menyaksikan kekerasan terhadap ibunya.`,
  OTHER: () => 'Laporan warga tentang anak yang berkeliaran malam hari tanpa pendamping.',
};

/** Description of an incident report; sometimes opens with who reported it. */
export function incidentDescription(c: NoteContext, category: IncidentCategory, child: Child, reporter: Adult | null): string {
  const body = INCIDENT_BODIES[category](c, child);
  if (reporter && c.rng.chance(0.35)) {
    const phone = reporter.mobile ? ` (${c.w.phone(reporter.mobile)})` : '';
    return `Pelapor ${adultRef(c, reporter)}${phone} menyampaikan: ${body}`;
  }
  return body;
}

const HEALTH_NOTES: Readonly<Record<ObservationType, readonly Template<[Child, number | null, number | null]>[]>> = {
  MALNUTRITION: [
    (_c, _ch, wt, ht) => `BB ${wt ?? '-'} kg, TB ${ht ?? '-'} cm, status gizi buruk (BB/TB < -3 SD). Rujuk ke Puskesmas untuk PMT.`,
    (c, ch) => `Gizi kurang, nafsu makan menurun.${ch.guardian ? ` ${adultRef(c, ch.guardian)} diminta hadir ke Posyandu bulan depan.` : ''}`,
  ],
  STUNTING: [(c, ch) => `Tinggi badan di bawah standar usia (stunting). Edukasi MPASI dan gizi seimbang untuk ${ch.guardian ? adultRef(c, ch.guardian) : 'pengasuh'}.`],
  UNTREATED_ILLNESS: [
    () => 'Demam tinggi 4 hari, dicurigai demam berdarah; belum dibawa berobat.',
    () => 'Batuk lebih dari 3 minggu, suspek TBC, keluarga menolak rujukan.',
    () => 'Diare berulang, air minum dari sumur tidak layak.',
  ],
  INJURY: [(c) => `${c.rng.pick(INJURIES)} di ${c.rng.pick(['lengan kiri', 'punggung', 'paha', 'pipi', 'telinga'])}, keterangan anak tidak konsisten.`],
  MENTAL_HEALTH: [() => 'Anak menarik diri, sulit tidur, sering mimpi buruk. Dirujuk ke psikolog Puskesmas.'],
  ROUTINE_CHECK: [
    (c) => `Kontrol rutin. Imunisasi ${c.rng.pick(['Campak-Rubela (MR)', 'DPT-HB-Hib lanjutan', 'Polio 4'])} diberikan. Tidak ada keluhan.`,
    (c, ch) => `Pemeriksaan rutin ${childRef(c, ch)} (lahir ${c.w.dob(ch.dateOfBirth)}). Tumbuh kembang sesuai usia.`,
  ],
  OTHER: [(c, ch) => `Keluhan ${conditions(c, ch)}. Diberi obat dan edukasi kebersihan.`],
};

/** Clinical notes of a health observation, or null. */
export function healthNote(c: NoteContext, type: ObservationType, child: Child, weightKg: number | null, heightCm: number | null): string | null {
  return c.rng.chance(0.15) ? null : c.rng.pick(HEALTH_NOTES[type])(c, child, weightKg, heightCm);
}

const MISSED_NOTES: readonly Template<[Child, Adult]>[] = [
  (c, _ch, neighbour) => `Rumah terkunci, tetangga (${adultRef(c, neighbour)}${neighbour.mobile ? `, ${c.w.phone(neighbour.mobile)}` : ''}) mengatakan keluarga pulang kampung.`,
  (c, ch) => (ch.guardian?.mobile ? `Nomor wali ${c.w.phone(ch.guardian.mobile)} tidak aktif sejak minggu lalu.` : 'Wali tidak memiliki nomor telepon yang aktif.'),
  () => 'Anak tidak ada di rumah maupun di sekolah.',
  (_c, ch) => `Kunjungan dibatalkan karena banjir di wilayah ${ch.locality.district.name}.`,
  (c, ch) => (ch.guardian?.email ? `Wali menolak kunjungan, minta dijadwalkan ulang lewat e-mail ${c.w.email(ch.guardian.email)}.` : 'Wali menolak kunjungan tanpa alasan.'),
];

/** Notes of a missed check-in, or null. */
export function missedCheckInNote(c: NoteContext, child: Child, neighbour: Adult): string | null {
  return c.rng.chance(0.35) ? null : c.rng.pick(MISSED_NOTES)(c, child, neighbour);
}

const CLOTHES = ['kaos merah dan celana pendek hitam', 'seragam SD merah putih', 'jaket abu-abu dan sandal jepit biru', 'baju koko putih dan peci', 'kerudung cokelat dan rok panjang'] as const;

/** Description of a missing-child report. */
export function missingDescription(c: NoteContext, child: Child, place: string, contact: Adult | null): string {
  const dob = c.rng.chance(0.4) ? `, lahir ${c.w.dob(child.dateOfBirth)}` : '';
  const call = contact?.mobile ? ` Jika melihat, hubungi ${adultRef(c, contact)} di ${c.w.phone(contact.mobile)}.` : '';
  return `${childRef(c, child)} (${ageYears(child.dateOfBirth, c.at)} tahun${dob}) terakhir terlihat di ${place} memakai ${c.rng.pick(CLOTHES)}.${call}`;
}

const CARETAKER_NOTES: Readonly<Record<CaretakerChangeReason, Template<[Child, Adult]>>> = {
  PARENT_DECEASED: (c) => `Orang tua meninggal dunia karena ${c.rng.pick(['kecelakaan', 'sakit TBC', 'COVID-19', 'stroke'])}. Hak asuh sementara pada keluarga.`,
  PARENT_MIGRANT_WORKER: (c, _ch, n) => `Ibu bekerja sebagai PMI di ${c.rng.pick(['Malaysia', 'Hong Kong', 'Taiwan', 'Arab Saudi'])}; anak dititipkan ke ${adultRef(c, n)}.`,
  DIVORCE: () => 'Orang tua bercerai; anak ikut keluarga ibu.',
  ABANDONMENT: (c, ch) => `${childRef(c, ch)} ditinggalkan di depan rumah warga, orang tua tidak diketahui keberadaannya.`,
  COURT_ORDER: (c) => `Penetapan Pengadilan Agama No. ${c.rng.int(100, 999)}/Pdt.P/2024/PA tentang perwalian anak.`,
  FOSTER_PLACEMENT: (c, _ch, n) => `Pengasuhan oleh orang tua asuh ${c.w.name(n.name.fullName)}${n.mobile ? ` (${c.w.phone(n.mobile)})` : ''} sesuai rekomendasi Dinas Sosial.`,
  FAMILY_REUNIFICATION: () => 'Anak dikembalikan ke keluarga setelah asesmen kelayakan pengasuhan.',
  ECONOMIC_HARDSHIP: () => 'Keluarga tidak mampu membiayai kebutuhan anak; dititipkan ke kerabat.',
  OTHER: () => 'Perubahan pengasuh atas permintaan keluarga.',
};

/** Notes of a caretaker change, or null. */
export function caretakerNote(c: NoteContext, reason: CaretakerChangeReason, child: Child, newCaretaker: Adult): string | null {
  return c.rng.chance(0.2) ? null : CARETAKER_NOTES[reason](c, child, newCaretaker);
}

const VOLUNTEER_NOTES: readonly Template<[Child | null, Adult]>[] = [
  (c, ch) => `Mengajar membaca untuk ${c.rng.int(4, 20)} anak.${ch ? ` ${childRef(c, ch)} mulai lancar membaca.` : ''}`,
  (c, _ch, other) => `Membantu pemeriksaan kesehatan bersama ${c.w.name(other.name.fullName, 'dr.')}.`,
  () => 'Kegiatan berjalan lancar.',
  (c, ch) => (ch ? `Menemani ${childRef(c, ch)} kontrol ${conditions(c, ch)} ke Puskesmas.` : 'Menemani anak-anak kontrol ke Puskesmas.'),
  (c, _ch, other) => `Koordinasi dengan pengurus panti, ${adultRef(c, other)}${other.mobile ? ` (${c.w.phone(other.mobile)})` : ''}.`,
];

/** Notes of a volunteer session, or null. */
export function volunteerNote(c: NoteContext, child: Child | null, other: Adult): string | null {
  return c.rng.chance(0.45) ? null : c.rng.pick(VOLUNTEER_NOTES)(c, child, other);
}

const DONATION_MESSAGES: readonly Template<[Adult, Child | null]>[] = [
  () => 'Semoga bermanfaat untuk adik-adik di panti.',
  (c, d) => `Donasi rutin bulanan dari keluarga ${c.w.name(d.name.family ?? d.name.fullName)}.`,
  (c, d) => (d.email ? `Mohon kirim bukti penerimaan ke ${c.w.email(d.email)}. Terima kasih.` : 'Mohon kirim bukti penerimaan. Terima kasih.'),
  (c, d) => (d.mobile ? `Konfirmasi transfer, hubungi saya di ${c.w.phone(d.mobile)}.` : 'Konfirmasi transfer sudah dikirim.'),
  (c) => `Untuk biaya berobat anak-anak yang sakit ${c.rng.pick(['TBC', 'demam berdarah', 'gizi buruk'])}.`,
  (c, d) => `Atas nama almarhum ayah saya, ${c.w.name(c.rng.pick(['Slamet', 'H. Abdullah', 'Sutrisno', 'Yohanes', d.name.family ?? 'Rahmat']))}.`,
  (c, _d, ch) => (ch ? `Titip salam untuk ${childRef(c, ch)}, semoga cepat sembuh.` : 'Titip salam untuk anak-anak.'),
];

/** A donor's message, or null (most donations carry none). */
export function donationMessage(c: NoteContext, donor: Adult, child: Child | null): string | null {
  return c.rng.chance(0.6) ? null : c.rng.pick(DONATION_MESSAGES)(c, donor, child);
}

const PARTNER_SUMMARIES: Readonly<Record<string, Template<[Child, Adult | null]>>> = {
  BIRTH_REGISTRATION: (c, ch) =>
    `Akta kelahiran a.n. ${c.w.name(ch.name.fullName.toUpperCase())}${ch.nik ? ` (NIK ${c.w.nik(ch.nik)})` : ''} telah terbit. Lahir di ${ch.placeOfBirth ?? '-'}, ${c.w.dob(ch.dateOfBirth)}.`,
  FAMILY_CARD_UPDATE: (c, ch, g) => `Perubahan KK: ${childRef(c, ch)} masuk KK ${g ? c.w.name(g.name.fullName.toUpperCase()) : 'kepala keluarga baru'}${ch.address ? `, alamat ${c.w.address(ch.address)}` : ''}.`,
  SOCIAL_ASSISTANCE: (c, ch, g) => `Keluarga ${g ? c.w.name(g.name.fullName) : childRef(c, ch)} terdaftar penerima PKH tahap ${c.rng.int(1, 4)}.`,
  HOSPITAL_ADMISSION: (c, ch, g) =>
    `Pasien An. ${c.w.name(ch.name.fullName)}, ${ageYears(ch.dateOfBirth, c.at)} th, dirawat dengan diagnosis ${conditions(c, ch)}.${g ? ` Penanggung jawab: ${adultRef(c, g)}${g.mobile ? ` ${c.w.phone(g.mobile)}` : ''}.` : ''}`,
  OUTPATIENT_VISIT: (c, ch) => `Kunjungan rawat jalan, diagnosis ${conditions(c, ch)}, kontrol ulang 7 hari.`,
  SCHOOL_ENROLMENT: (c, ch) => `Siswa ${childRef(c, ch)} terdaftar di kelas ${c.rng.int(1, 6)} tahun ajaran 2024/2025.`,
  SCHOOL_DROPOUT: (c, ch, g) => `${childRef(c, ch)} tidak masuk sekolah ${c.rng.int(2, 8)} minggu berturut-turut; wali tidak dapat dihubungi${g?.mobile ? ` (${c.w.phone(g.mobile)})` : ''}.`,
  POLICE_REPORT: (c, ch) => `Laporan polisi dugaan kekerasan terhadap anak. Korban: ${c.w.name(ch.name.fullName)}, lahir ${c.w.dob(ch.dateOfBirth)}. Kasus ditangani Unit PPA.`,
  REFERRAL: (c, ch, g) => `Rujukan pendampingan psikososial untuk ${childRef(c, ch)}${g ? `; kontak keluarga ${adultRef(c, g)}${g.email ? ` ${c.w.email(g.email)}` : ''}` : ''}.`,
};

/** Summary of a partner record. */
export function partnerSummary(c: NoteContext, recordType: string, child: Child, guardian: Adult | null): string {
  const template = PARTNER_SUMMARIES[recordType] ?? PARTNER_SUMMARIES['REFERRAL'];
  return template ? template(c, child, guardian) : 'Catatan mitra.';
}

const CARE_NOTES: Readonly<Record<'ADMISSION' | 'DISCHARGE' | 'TRANSFER' | 'HEADCOUNT' | 'STAFFING' | 'INSPECTION', readonly Template<[Child | null, string, Adult]>[]>> = {
  ADMISSION: [
    (c, ch, regency) => `Anak ${ch ? childRef(c, ch) : ''} diterima atas rujukan Dinas Sosial ${regency}. Kondisi awal: ${ch ? conditions(c, ch) : 'baik'}.`,
    (c, ch) => `Penerimaan anak baru${ch?.nik ? `, NIK ${c.w.nik(ch.nik)}` : ''}; dokumen KK menyusul.`,
  ],
  DISCHARGE: [(c, ch) => `${ch ? childRef(c, ch) : 'Anak'} kembali ke keluarga (reunifikasi) setelah asesmen.`, () => 'Anak mencapai usia 18 tahun dan keluar dari panti.'],
  TRANSFER: [(_c, _ch, other) => `Dipindahkan ke ${other} karena kapasitas penuh.`],
  HEADCOUNT: [() => 'Semua anak hadir saat apel pagi.', (c) => `${c.rng.int(1, 5)} anak sakit ${c.rng.pick(['diare', 'ISPA', 'demam berdarah', 'skabies'])}, dirawat di ruang isolasi.`],
  STAFFING: [(c) => `${c.rng.int(1, 3)} pengasuh cuti sakit, diganti relawan.`, (c, _ch, _o, staff) => `Pengasuh baru mulai bertugas: ${adultRef(c, staff)}.`],
  INSPECTION: [() => 'Inspeksi Dinas Sosial: dapur perlu perbaikan, sanitasi cukup.', () => 'Akreditasi LKSA: nilai B, rekomendasi penambahan pengasuh.'],
};

/** Notes of a care-facility operation, or null. `other` is the referring regency or destination facility. */
export function careOperationNote(c: NoteContext, type: keyof typeof CARE_NOTES, child: Child | null, other: string, staff: Adult): string | null {
  return c.rng.chance(0.4) ? null : c.rng.pick(CARE_NOTES[type])(c, child, other, staff);
}
