// The vetted lexicon of releasable free text: ordinary Indonesian words of child-welfare case notes
// (function words, family and institution roles, everyday verbs, nouns and adjectives). Released
// text keeps a word only if it is on this list (releaseText, release-text.ts); everything else is
// replaced. The list is curated, not learned, and holds no personal names, place names, street or
// address words (jalan, gang, RT/RW, blok, nomor), month names or medical terms; every word of the
// name gazetteer is removed from it below, so a name that is also an everyday word ("Indah",
// "Bunga", "Putri") is never kept either. Lower case; one word per entry.

import { AMBIGUOUS_NAMES, FAMILY_NAMES, GIVEN_NAMES } from './name-gazetteer.js';

const words = (s: string): string[] => s.trim().split(/\s+/);

const CURATED = words(`
  yang dan atau di ke dari pada untuk dengan oleh dalam kepada bagi tentang terhadap sejak sampai hingga setelah sesudah
  sebelum saat ketika selama sedang sudah telah belum akan masih juga pun lagi hanya saja tidak tak bukan ada adanya
  ini itu tersebut sini sana situ mana apa siapa kapan mengapa kenapa bagaimana berapa karena sebab agar supaya jika
  kalau apabila namun tetapi tapi serta lalu kemudian maka bahwa seperti sangat sekali lebih kurang paling cukup
  hampir sering jarang selalu kadang kadang-kadang pernah sempat baru segera terus masing setiap tiap semua seluruh
  beberapa banyak sedikit para antara oleh-oleh tanpa ya iya belum sambil walaupun meskipun sehingga bersama-sama
  sendiri sendirian lain lainnya sama juga pula yaitu yakni adalah ialah merupakan menjadi jadi sebagai secara sekitar
  kira-kira lebih-lebih hanya atas bawah depan belakang samping luar dalam dekat jauh sekitarnya tengah
  saya aku kami kita anda dia ia mereka beliau kamu engkau
  satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh ratus ribu juta pertama kedua ketiga
  keempat kelima setengah separuh
  hari minggu bulan tahun jam menit detik pagi siang sore malam kemarin besok lusa sekarang tadi nanti terakhir awal
  akhir senin selasa rabu kamis jumat sabtu hari-hari waktu lama sebentar
  anak anak-anak ibu ayah bapak orang tua nenek kakek paman bibi kakak adik saudara keluarga suami istri wali asuh tiri
  kandung cucu bayi balita remaja korban pelaku tetangga teman guru pengasuh majikan warga masyarakat petugas pekerja
  sosial pendamping relawan donatur mitra staf kader perawat dokter polisi pegawai kepala ketua pengurus pemilik
  orangtua dewasa laki laki-laki perempuan pria wanita saksi pelapor klien
  pak bu sdr sdri mas mbak kak dek an tn ny dr ners bidan
  rumah sekolah kelas puskesmas posyandu rsud klinik panti lksa yayasan kantor dinas desa kelurahan kecamatan kabupaten
  kota provinsi pasar terminal stasiun masjid gereja lapangan kamar dapur daerah wilayah lokasi tempat uptd ppa
  disdukcapil dukcapil dinsos kemensos polsek polres kpai lembaga rumah-rumah sakit pabrik toko warung perempatan
  tinggal bersama datang pergi pulang kembali berangkat ditemukan menemukan melaporkan dilaporkan lapor laporan mengaku
  dipukul memukul ditinggal meninggalkan bekerja belajar bermain makan minum tidur demam batuk menangis takut marah
  dimarahi dihina dikurung dipaksa memaksa membawa dibawa dijemput menjemput diantar mengantar mengikuti ikut hadir
  menunggu mencari dicari hilang menghilang kabur lari melarikan terlihat tampak melihat dilihat bertemu menemui
  ditemui mendampingi didampingi pendampingan menerima diterima memberikan diberikan memberi diberi mendapat
  mendapatkan membutuhkan perlu butuh harus wajib bisa dapat boleh mau ingin meminta diminta minta menyerahkan
  diserahkan menghubungi dihubungi hubungi kontak mengunjungi dikunjungi kunjungan memeriksa diperiksa pemeriksaan
  merawat dirawat perawatan mengobati diobati pengobatan dirujuk rujukan menolak ditolak berhenti putus pindah
  berpindah berpindah-pindah dipindahkan menikah bercerai meninggal wafat lahir dilahirkan mengalami menderita terkena
  terluka menunjukkan tanda mengeluh keluhan bercerita menceritakan mengatakan berkata bilang menyampaikan disampaikan
  menjelaskan tercatat mencatat dicatat terdaftar mendaftar mengurus diurus menjual dijual mengamen mengemis memulung
  dipekerjakan ditangani menangani dilakukan melakukan dilanjutkan melanjutkan direncanakan merencanakan dijadwalkan
  mengirim dikirim menyumbang disalurkan menyalurkan membantu dibantu bantu bekerja tinggalnya diasuh mengasuh
  diadopsi dititipkan menitipkan ditempatkan diterima keluar masuk naik turun mulai selesai mengikuti memiliki punya
  dicurigai diduga menduga mencurigai melapor bersekolah membaca menulis menghitung berbicara bicara mendengar diam
  diketahui mengetahui tahu kenal dikenal mengenal ditanya bertanya menjawab mengamati diamati ditinjau meninjau
  kasus catatan pengasuhan perlindungan kekerasan fisik seksual psikis emosional penelantaran eksploitasi dugaan
  bukti visum kondisi keadaan kesehatan gizi berat badan tinggi tubuh makanan pakaian baju celana kaos sepatu sandal
  tas warna merah putih hitam biru hijau kuning coklat abu-abu uang biaya bantuan donasi sumbangan program kegiatan
  acara pelatihan bimbingan beasiswa akta kelahiran dokumen kartu identitas surat ijazah rapor nilai prestasi
  perkembangan masalah kebutuhan risiko bahaya darurat tindak lanjut rencana jadwal sesi nik kartu keluarga kk
  pengaduan aduan informasi keterangan pertemuan rapat musyawarah kunjungan-kunjungan kabar berita hasil tujuan
  alasan penyebab akibat dampak pekerjaan tugas jasa layanan pelayanan fasilitas kapasitas penghuni kamar-kamar
  kebersihan keamanan kenyamanan sarana kegiatan-kegiatan lomba pramuka ekstrakurikuler pelajaran ujian tugas-tugas
  pemulung buruh pembantu kuli angkut batu bata malam-malam jalanan
  baik buruk besar kecil lama muda panjang pendek sehat senang sedih aktif pendiam murung cemas gelisah bingung
  kotor bersih rapi lusuh lapar haus capek lelah normal stabil membaik memburuk parah ringan berat lengkap jelas
  tertentu khusus penting mendesak biasa rutin baru-baru kurus lemah kuat rajin malas pintar nakal sopan ramah
  tertutup terbuka ketakutan kesakitan kelaparan sulit mudah susah berhasil gagal tetap lancar terlambat mandiri
  umur usia th thn kg cm kali kedua-duanya
  nama kontrol riwayat mengajar diajar mencapai bulanan mingguan harian berobat terbit tumbuh kembang sesuai siswa
  siswi murid ajaran penerima penerimaan mohon kirim terima konfirmasi transfer psikososial ditinggalkan keberadaan
  berturut-turut lanjutan memakai kerudung jilbab rok jaket kemeja topi jepit cokelat lutut tangan kaki kepala wajah
  punggung lengan mata telinga perut gigi rambut tahap tumbuh-kembang berlangsung terjadi kejadian peristiwa diketahui
  pendaftaran pencatatan penyerahan penjemputan pemantauan pengawasan penanganan pemulangan pengembalian reunifikasi
  adopsi perwalian hak asuh pengadilan putusan mediasi konseling psikolog terapi rehabilitasi pemulihan
  bayar dibayar pembayaran rekening tunai lunas cicilan bulan-bulan rupiah rp ribuan jutaan
  mengajak diajak menginap bermalam numpang menumpang tidur-tiduran sekamar serumah
`);

const NAMES: ReadonlySet<string> = new Set([...GIVEN_NAMES, ...FAMILY_NAMES, ...AMBIGUOUS_NAMES]);

/**
 * Titles written before a name (lower case): the word after a capitalised one, or after one
 * abbreviated with a full stop ("dr."), is taken for a name and never kept, even when it is a
 * lexicon word ("An. bila", "Ibu Cahaya", "Nenek Bulan" written by hand).
 */
export const NAME_TITLES: ReadonlySet<string> = new Set(words(`
  ibu bu bapak pak sdr sdri mas mbak kak kakak dek adik an tn ny dr ners bidan
  nenek kakek paman bibi om tante bang abang
`));

/**
 * Lexicon words written capitalised inside a sentence by convention: institutions and offices
 * (usually before a place name, which is not on the list), acronyms, days. Any other capitalised
 * word inside a sentence is taken for a proper noun and never kept, even when it is a lexicon word
 * ("bersama ibu Bulan", "Kuat"): Indonesian capitalises names, not common nouns, mid-sentence.
 */
export const CAPITALISED_WORDS: ReadonlySet<string> = new Set(words(`
  puskesmas posyandu rsud klinik panti lksa yayasan kantor dinas desa kelurahan kecamatan kabupaten kota
  provinsi sekolah uptd ppa disdukcapil dukcapil dinsos kemensos polsek polres kpai lembaga pengadilan
  nik kk rp th thn kg cm senin selasa rabu kamis jumat sabtu minggu
`));

/** Lexicon words that are also given names (not in the gazetteer): never kept capitalised, even at a sentence start ("Bulan datang"). */
export const NAME_LIKE_WORDS: ReadonlySet<string> = new Set(words('bulan kuat putih kembang rajin pagi senang'));

/** The releasable words, gazetteer names removed. */
export const RELEASE_LEXICON: ReadonlySet<string> = new Set(CURATED.filter((w) => !NAMES.has(w)));
