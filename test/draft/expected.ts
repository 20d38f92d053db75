// What each seed plan says, read by hand from the plans (test/draft/seeds, copies of shared/seeds): the
// header, every deadline and window with its exact instant and the line its phrase starts on, and the units the
// plan names. Written from the text, not from the code's output.

export type Seed =
  | 'bac-giang-province-2024'
  | 'binh-son-district-2024'
  | 'dong-thap-inspectorate-movement-2024';
export const SEEDS: Seed[] = [
  'bac-giang-province-2024',
  'binh-son-district-2024',
  'dong-thap-inspectorate-movement-2024',
];

export interface ExpectedMilestone {
  kind: string;
  /** The phrase as the plan writes it (spaces collapsed), and the line (of the .txt) where it starts. */
  phrase: string;
  line: number;
  /** Due instant, or window [opens, closes), in ISO with the +07:00 offset. */
  due?: string;
  opens?: string;
  closes?: string;
  /** Words of the sentence it comes from, quoted above it. */
  quote: string;
  /** Names of the units the sentence (or its heading) says owe it, when it says. */
  owners?: string[];
  period?: string;
}

export interface ExpectedPlan {
  issuer: string;
  issuerLines: number[];
  number: { blank: true; raw?: string; line?: number };
  date: { line?: number; placeholder: true; hint: string };
  title: string;
  year: number;
  implements: { type: string; number: string; date: string; issuer: string; lines: number[] }[];
  milestones: ExpectedMilestone[];
  /** Units the plan names (besides its issuer), by name, with the parent's name when the plan says it. */
  units: { name: string; parent?: string }[];
  /** Groups it names that must be listed unit by unit ("UBND các xã, thị trấn"). */
  groups: string[];
  /** What an administrator would fill in, for the test to fill the draft's placeholders with. */
  fill: { issued: string; appliesTo: Record<string, unknown> };
}

const BG_DEPARTMENTS = [
  'Công an tỉnh',
  'Văn phòng UBND tỉnh',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Báo Bắc Giang',
  'Đài Phát thanh và Truyền hình tỉnh',
  'Ban Quản lý các Khu Công nghiệp tỉnh',
  'Sở Giáo dục và Đào tạo',
  'Liên đoàn Lao động tỉnh',
];

// Footnotes 1 and 2 (mục 3.3, 3.4), and xã Hợp Đức (mục 3.2): unit and the district in brackets.
const BG_SELECTED: [string, string | undefined][] = [
  ['Xã Hợp Đức', 'Tân Yên'],
  ['Xã Đại Sơn', 'Sơn Động'],
  ['Xã Trù Hựu', 'Lục Ngạn'],
  ['Xã Chu Điện', 'Lục Nam'],
  ['Xã Thái Đào', 'Lạng Giang'],
  ['Xã Danh Thắng', 'Hiệp Hòa'],
  ['Xã Thượng Lan', 'Việt Yên'],
  ['Xã Lãng Sơn', 'Yên Dũng'],
  ['Xã Hương Vĩ', 'Yên Thế'],
  ['Phường Hoàng Văn Thụ', 'Bắc Giang'],
  ['Trường THPT Phương Sơn', 'Lục Nam'],
  ['Công ty TNHH Hòa Phú Invest (Khu Công nghiệp Hòa Phú)', undefined],
  ['Công ty TNHH Luxshare - ICT Việt Nam (Khu Công nghiệp Quang Châu)', undefined],
  ['Công ty TNHH GU VINA (Khu Công nghiệp Đình Trám)', undefined],
  ['Xã Lệ Viễn', 'Sơn Động'],
  ['Xã Phượng Sơn', 'Lục Ngạn'],
  ['Thị trấn Phương Sơn', 'Lục Nam'],
  ['Thị trấn Vôi', 'Lạng Giang'],
  ['Xã Đoan Bái', 'Hiệp Hòa'],
  ['Phường Nếnh', 'Việt Yên'],
  ['Xã Yên Lư', 'Yên Dũng'],
  ['Xã Đồng Vương', 'Yên Thế'],
  ['Thị trấn Nhã Nam', 'Tân Yên'],
  ['Xã Tân Mỹ', 'Bắc Giang'],
  ['Trường THPT Giáp Hải', 'Bắc Giang'],
];

const BG_DISTRICTS = [
  'Sơn Động',
  'Lục Ngạn',
  'Lục Nam',
  'Lạng Giang',
  'Hiệp Hòa',
  'Việt Yên',
  'Yên Dũng',
  'Yên Thế',
  'Bắc Giang',
  'Tân Yên',
];

export const EXPECTED: Record<Seed, ExpectedPlan> = {
  'bac-giang-province-2024': {
    issuer:
      'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ ANTQ tỉnh Bắc Giang',
    issuerLines: [2, 4, 6],
    number: { blank: true, raw: '/KH-BCĐ', line: 10 },
    date: { line: 18, placeholder: true, hint: 'tháng 4 năm 2024' },
    title: 'Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm 2024',
    year: 2024,
    implements: [
      {
        type: 'Quyết định',
        number: '521/QĐ-TTg',
        date: '2005-06-13',
        issuer: 'Thủ tướng Chính phủ',
        lines: [28, 30],
      },
      {
        type: 'Kế hoạch',
        number: '198/KH-BCĐ',
        date: '2023-04-05',
        issuer: 'Ban Chỉ đạo Thực hiện phong trào toàn dân bảo vệ ANTQ Trung ương',
        lines: [30, 36],
      },
    ],
    milestones: [
      {
        kind: 'event-window',
        phrase: 'từ ngày 01/8/2024 đến hết ngày 19/8/2024',
        line: 338,
        opens: '2024-08-01T00:00:00.000+07:00',
        closes: '2024-08-20T00:00:00.000+07:00',
        quote: 'Tổ chức “Ngày hội toàn dân bảo vệ ANTQ” từ ngày 01/8/2024',
      },
      {
        kind: 'plan',
        phrase: 'trước ngày 10/5/2024',
        line: 570,
        due: '2024-05-10T00:00:00.000+07:00',
        quote: 'xây dựng kế hoạch tổ chức “Ngày hội toàn dân bảo vệ ANTQ” năm 2024 gửi về Thường trực',
        owners: ['sở, ban, ngành', 'huyện'],
      },
      {
        kind: 'result-report',
        phrase: 'trước ngày 20/8/2024',
        line: 572,
        due: '2024-08-20T00:00:00.000+07:00',
        quote: 'báo cáo kết quả (theo đề cương gửi kèm) trước ngày 20/8/2024',
        owners: ['sở, ban, ngành', 'huyện'],
      },
      {
        kind: 'site-registration',
        phrase: 'trước ngày 15/5/2024',
        line: 586,
        due: '2024-05-15T00:00:00.000+07:00',
        quote: 'đăng ký thời gian tổ chức Ngày hội gửi về Thường trực Ban Chỉ đạo tỉnh',
        owners: [
          'Ban Quản lý các Khu Công nghiệp tỉnh',
          'Sở Giáo dục và Đào tạo',
          'Liên đoàn Lao động tỉnh',
          'huyện',
        ],
      },
      {
        kind: 'draft-plan',
        phrase: 'trước ngày 25/4/2024',
        line: 598,
        due: '2024-04-25T00:00:00.000+07:00',
        quote: 'Dự thảo Kế hoạch gửi về Ban Chỉ đạo tỉnh',
        owners: ['Tân Yên'],
      },
    ],
    units: [
      ...BG_DEPARTMENTS.map((name) => ({ name })),
      ...BG_DISTRICTS.map((d) => ({ name: d })),
      ...BG_SELECTED.map(([name, parent]) => ({ name, ...(parent ? { parent } : {}) })),
    ],
    groups: ['sở, ban, ngành', 'huyện, thị xã, thành phố', 'xã, phường, thị trấn', 'CQDNCSGD'],
    fill: { issued: '16/04/2024', appliesTo: { levels: ['xa', 'co-so'] } },
  },
  'binh-son-district-2024': {
    issuer: 'UBND huyện Bình Sơn',
    issuerLines: [9],
    number: { blank: true },
    date: { placeholder: true, hint: '15/05/2024' },
    title: 'Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm 2024',
    year: 2024,
    implements: [
      { type: 'Kế hoạch', number: '78/KH-UBND', date: '2024-03-28', issuer: 'UBND tỉnh', lines: [7, 9] },
    ],
    milestones: [
      {
        kind: 'event-window',
        phrase: 'từ ngày 01/7/2024 đến ngày 19/8/2024',
        line: 249,
        opens: '2024-07-01T00:00:00.000+07:00',
        closes: '2024-08-20T00:00:00.000+07:00',
        quote: 'Tập trung tổ chức từ ngày 01/7/2024 đến ngày 19/8/2024',
      },
      {
        kind: 'plan',
        phrase: 'trước ngày 20/5/2024',
        line: 316,
        due: '2024-05-20T00:00:00.000+07:00',
        quote: 'Gửi Kế hoạch thực hiện, báo cáo danh sách, thời gian, địa điểm tổ chức',
        owners: ['xã'],
      },
      {
        kind: 'site-registration',
        phrase: 'trước ngày 20/5/2024',
        line: 316,
        due: '2024-05-20T00:00:00.000+07:00',
        quote: 'Gửi Kế hoạch thực hiện, báo cáo danh sách, thời gian, địa điểm tổ chức',
        owners: ['xã'],
      },
      {
        kind: 'result-report',
        phrase: 'trước ngày 20/8/2024',
        line: 320,
        due: '2024-08-20T00:00:00.000+07:00',
        quote: 'Báo cáo kết quả tổ chức các hoạt động “Ngày hội toàn dân bảo vệ ANTQ”',
        owners: ['xã'],
      },
    ],
    units: [
      { name: 'Công an huyện' },
      { name: 'Phòng Nội vụ' },
      { name: 'Phòng Tài chính - Kế hoạch' },
      { name: 'Trung tâm Truyền thông - Văn hóa - Thể thao huyện' },
      { name: 'Xã Bình Thạnh' },
      { name: 'Xã Bình Tân Phú' },
    ],
    groups: ['xã, thị trấn', 'phòng, ban'],
    fill: { issued: '15/05/2024', appliesTo: { levels: ['xa'] } },
  },
  'dong-thap-inspectorate-movement-2024': {
    issuer: 'Thanh tra Tỉnh',
    issuerLines: [11],
    number: { blank: true },
    date: { placeholder: true, hint: 'không ghi ngày' },
    title: 'Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024',
    year: 2024,
    implements: [
      {
        type: 'Kế hoạch',
        number: '19/KH-BCĐ138',
        date: '2024-01-17',
        issuer:
          'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
        lines: [7, 11],
      },
    ],
    milestones: [
      {
        kind: 'periodic-report',
        phrase: 'trước ngày 10/6',
        line: 211,
        due: '2024-06-10T00:00:00.000+07:00',
        quote: 'Định kỳ 06 tháng (báo cáo gửi trước ngày 10/6)',
        owners: ['Văn phòng'],
        period: '6 tháng đầu năm 2024',
      },
      {
        kind: 'periodic-report',
        phrase: 'trước ngày 10/11',
        line: 213,
        due: '2024-11-10T00:00:00.000+07:00',
        quote: '01 năm (báo cáo gửi trước ngày 10/11)',
        owners: ['Văn phòng'],
        period: 'năm 2024',
      },
    ],
    units: [{ name: 'Văn phòng' }],
    groups: ['các phòng'],
    fill: { issued: '25/01/2024', appliesTo: { levels: ['phong-ban'] } },
  },
};
