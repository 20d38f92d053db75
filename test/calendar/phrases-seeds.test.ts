// The scanner on the seed plans (/work/shared/seeds, see the brief): every deadline and window they state,
// and nothing else (not the dates of the documents they cite, not "Quốc khánh 2/9", not "Ngày hội … 19/8").
// The expected lists below were worked out by hand from reading the plans. The excerpts are the plans' own
// lines, verbatim (line breaks inside phrases, and binh-son's partly decomposed Unicode, included), so this
// runs anywhere; where the seed folder is present, the whole plans are scanned too and must give the same list.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type FoundPhrase, findDatePhrases } from '../../core/calendar/phrase-scan';

const SEEDS = process.env.DONDOC_SEEDS ?? '/work/shared/seeds';

type Seed = 'bac-giang-province-2024' | 'binh-son-district-2024' | 'dong-thap-inspectorate-movement-2024';

/** [the phrase with its spaces collapsed, what it means]; every seed is a 2024 plan. */
const EXPECTED: Record<Seed, [string, FoundPhrase['result']][]> = {
  'bac-giang-province-2024': [
    // 2.5: the festival, 1-19 August.
    [
      'từ ngày 01/8/2024 đến hết ngày 19/8/2024',
      { kind: 'window', window: { from: '2024-08-01', to: '2024-08-19' } },
    ],
    // III.6: departments and district committees send their plan, then their result report.
    ['trước ngày 10/5/2024', { kind: 'due', due: { kind: 'before', date: '2024-05-10' } }],
    ['trước ngày 20/8/2024', { kind: 'due', due: { kind: 'before', date: '2024-08-20' } }],
    // III.7: selected units register the festival time and award dossiers.
    ['trước ngày 15/5/2024', { kind: 'due', due: { kind: 'before', date: '2024-05-15' } }],
    // III.8: Tân Yên's draft plan, for approval.
    ['trước ngày 25/4/2024', { kind: 'due', due: { kind: 'before', date: '2024-04-25' } }],
  ],
  'binh-son-district-2024': [
    // 2.4: the festival, 1 July-19 August.
    [
      'từ ngày 01/7/2024 đến ngày 19/8/2024',
      { kind: 'window', window: { from: '2024-07-01', to: '2024-08-19' } },
    ],
    // III.5: communes send their plan and sites, then their result report.
    ['trước ngày 20/5/2024', { kind: 'due', due: { kind: 'before', date: '2024-05-20' } }],
    ['trước ngày 20/8/2024', { kind: 'due', due: { kind: 'before', date: '2024-08-20' } }],
  ],
  'dong-thap-inspectorate-movement-2024': [
    // III.2: the 6-month and the annual report, the year left to the plan's.
    ['trước ngày 10/6', { kind: 'due', due: { kind: 'before', date: '2024-06-10' } }],
    ['trước ngày 10/11', { kind: 'due', due: { kind: 'before', date: '2024-11-10' } }],
  ],
};

const EXCERPTS: Record<Seed, string> = {
  'bac-giang-province-2024': ` 

Thực hiện Quyết định số 521/QĐ-TTg ngày 13/6/2005 của Thủ tướng 

Chính phủ về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” (ANTQ); Kế hoạch số 

198/KH-BCĐ ngày 05/4/2023 của Ban Chỉ đạo Thực hiện phong trào toàn dân 

bảo vệ ANTQ Trung ương về tổ chức “Ngày hội toàn dân bảo vệ ANTQ” năm 
[…]
2.5. Thời gian tổ chức 

Tổ chức “Ngày hội toàn dân bảo vệ ANTQ” từ ngày 01/8/2024 đến hết 

ngày 19/8/2024 (khuyến khích, biểu dương đơn vị, địa phương, cơ quan, 

doanh nghiệp, cơ sở giáo dục có sự đổi mới, sáng tạo, phù hợp với tình hình 
[…]

Bắc Giang). 
 4.2. Thực hiện thường xuyên, liên tục công tác tuyên truyền trước, 

trong và sau dịp tổ chức “Ngày hội toàn dân bảo vệ ANTQ”, tập trung cao 

điểm trong dịp kỷ niệm Cách mạng Tháng 8, Quốc khánh 2/9, Ngày truyền 

thống lực lượng Công an nhân dân Việt Nam và “Ngày hội toàn dân bảo vệ 

ANTQ” 19/8.  

 4.3. Khẩu hiệu tuyên truyền: “Bảo vệ Tổ quốc Việt Nam xã hội chủ 
[…]

chức tuyên truyền về kết quả công tác xây dựng phong trào toàn dân bảo vệ 

ANTQ và các hoạt động tổ chức “Ngày hội toàn dân bảo vệ ANTQ” năm 2024. 
 6. Căn cứ Kế hoạch này, tình hình thực tế và chức năng, nhiệm vụ được 

giao, đề nghị các sở, ban, ngành, đoàn thể tỉnh, Ban Chỉ đạo cấp huyện xây dựng 

kế hoạch tổ chức “Ngày hội toàn dân bảo vệ ANTQ” năm 2024 gửi về Thường 

trực Ban Chỉ đạo tỉnh (qua Phòng Tham mưu, Công an tỉnh) trước ngày 

10/5/2024; báo cáo kết quả (theo đề cương gửi kèm) trước ngày 20/8/2024. 

7. Ban Quản lý các Khu Công nghiệp tỉnh, Sở Giáo dục và Đào tạo, Liên 

đoàn Lao động tỉnh, Ban Chỉ đạo cấp huyện xây dựng kế hoạch tổ chức Ngày hội 

năm 2024 tại các xã, phường, thị trấn, doanh nghiệp, cơ sở giáo dục được Ban Chỉ 

đạo tỉnh lựa chọn (tại mục 3.3, 3.4 Kế hoạch này); hoàn thiện hồ sơ đề nghị Chủ 

tịch UBND tỉnh khen thưởng, đăng ký thời gian tổ chức Ngày hội gửi về Thường 

trực Ban Chỉ đạo tỉnh (qua Phòng Tham mưu, Công an tỉnh - liên hệ Đ/c Trung tá 

Vũ Anh Tuấn, ĐT: 097 6636640) trước ngày 15/5/2024. 

8. Ban Chỉ đạo huyện Tân Yên xây dựng kế hoạch chỉ đạo, phân công 

nhiệm vụ cụ thể cho các ban, ngành, đoàn thể huyện, Ban Chỉ đạo xã Hợp 

Đức tổ chức điểm Ngày hội năm 2024 để mời lãnh đạo Trung ương về dự, chỉ 

đạo, bảo đảm trang trọng, thiết thực, hiệu quả. Dự thảo Kế hoạch gửi về Ban Chỉ 

đạo tỉnh (qua Công an tỉnh - liên hệ Đ/c Trung tá Vũ Anh Tuấn, ĐT: 097 

6636640) trước ngày 25/4/2024 để duyệt trước khi ban hành. 

Trong quá trình tổ chức triển khai thực hiện nếu có phát sinh khó khăn, `,
  'binh-son-district-2024': `  

Thực hiện Kế hoạch số 78/KH-UBND ngày 28/3/2024 của UBND tỉnh về 

về tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” năm 2024, UBND huyện 
[…]
tiếp tục thực hiện nghiêm túc, hiệu quả các hoạt động tiến tới “Ngày hội toàn dân 

bảo vệ ANTQ” và nội dung, phương pháp tổ chức “Ngày hội toàn dân bảo vệ 

ANTQ” theo Hướng dẫn số 227/HD-BCĐ138 ngày 16/01/2023 của Ban Chỉ đạo 

138 tỉnh về tổ chức “Ngày hội toàn dân bảo vệ ANTQ” 
[…]
biểu cấp tỉnh về dự, chỉ đạo, động viên Nhân dân ở cơ sở). 

2.4. Thời gian: Tập trung tổ chức từ ngày 01/7/2024 đến ngày 19/8/2024. 

2.5. Phương pháp tổ chức 
[…]
 5. UBND các xã, thị trấn 

- Căn cứ nội dung Kế hoạch này, xây dựng Kế hoạch tổ chức “Ngày hội 

toàn dân bảo vệ ANTQ” tại địa phương cho phù hợp; Gửi Kế hoạch thực hiện, 

báo cáo danh sách, thời gian, địa điểm tổ chức (gửi về Đội Tham mưu - Công an 

huyện) trước ngày 20/5/2024 để theo dõi, tập hợp. 

- Báo cáo kết quả tổ chức các hoạt động “Ngày hội toàn dân bảo vệ ANTQ” 

(gửi về Đội Tham mưu - Công an huyện) trước ngày 20/8/2024 để tập hợp, báo 

cáo UBND tỉnh, Ban Chỉ đạo 138 tỉnh, Công an tỉnh theo quy định. `,
  'dong-thap-inspectorate-movement-2024': ` 

Căn cứ Kế hoạch số 19/KH-BCĐ138 ngày 17/01/2024 của Ban Chỉ đạo 

phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an 
[…]

 
1 Công văn số 777-CV/TU ngày 28/02/2019 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 44-KL/TW của 

Ban Bí thư Trung ương Đảng về tiếp tục đẩy mạnh thực hiện Chỉ thị số 09-CT/TW của Ban Bí thư khóa XI về 

tăng cường sự lãnh đạo của Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới; Chỉ thị 

số 11/CT-UBND ngày 06/11/2023 của Ủy ban nhân dân Tỉnh về xây dựng, củng cố thế trận an ninh nhân dân kết 

hợp chặt chẽ thế trận quốc phòng toàn dân vững chắc trên địa bàn tỉnh Đồng Tháp; Kế hoạch số 64/KH-UBND 

ngày 28/02/2022 của Ban Chỉ đạo 138/ĐP Tỉnh về xây dựng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở 

giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc; Kế hoạch số 118/KH-BCĐ ngày 31/03/2023 

của Ban Chỉ đạo 138/ĐP Tỉnh về xây dựng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình 
[…]
năm 2024 để ra sức phấn đấu thực hiện hoàn thành tốt chức năng, nhiệm vụ được giao. 

2. Văn phòng có trách nhiệm tham mưu, giúp Chánh Thanh tra theo dõi, 

kiểm tra, đôn đốc các Phòng, công chức, người lao động thực hiện nghiêm những 

nội dung đã đăng ký; Định kỳ 06 tháng (báo cáo gửi trước ngày 10/6) và 01 năm 

(báo cáo gửi trước ngày 10/11) hoặc đột xuất khi có yêu cầu, báo cáo về Ban Chỉ 

đạo 138 Tỉnh (qua Công an Tỉnh và địa chỉ mail: phongpv05cadt@gmail.com). `,
};

function scan(text: string): [string, FoundPhrase['result']][] {
  const found = findDatePhrases(text, { year: 2024 });
  for (const p of found) expect(text.slice(p.index, p.index + p.text.length)).toBe(p.text);
  return found.map((p) => [p.text.normalize('NFC').replace(/\s+/g, ' '), p.result]);
}

describe("the seeds' deadlines and windows", () => {
  it.each(Object.keys(EXPECTED) as Seed[])('%s: the excerpts give exactly the list read by hand', (seed) => {
    expect(scan(EXCERPTS[seed])).toEqual(EXPECTED[seed]);
  });

  it('the excerpts keep the seeds as written: a phrase broken over lines, decomposed Unicode', () => {
    expect(EXCERPTS['bac-giang-province-2024']).toContain('trước ngày \n\n10/5/2024');
    expect(EXCERPTS['binh-son-district-2024'].normalize('NFC')).not.toBe(EXCERPTS['binh-son-district-2024']);
    expect(EXCERPTS['bac-giang-province-2024']).toContain('Quyết định số 521/QĐ-TTg ngày 13/6/2005');
  });

  const present = existsSync(SEEDS);
  (present ? it.each : it.skip.each)(Object.keys(EXPECTED) as Seed[])(
    '%s: the whole plan gives the same list',
    (seed) => {
      const text = readFileSync(path.join(SEEDS, `${seed}.txt`), 'utf8');
      expect(scan(text)).toEqual(EXPECTED[seed]);
    },
  );
});
