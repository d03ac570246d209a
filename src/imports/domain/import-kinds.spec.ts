import { inEnglish } from '../../shared/domain/messages';
import { mapHeaders } from './import-kinds';

describe('import columns', () => {
  it('accepts Chinese and English headers, with notes in brackets, in any order', () => {
    expect(
      mapHeaders('attendance', ['签到时间(scanned at)', 'Session ID', '身份证号码', 'method'])
        .fields,
    ).toEqual(['scannedAt', 'sessionId', 'idNumber', 'method']);
    expect(mapHeaders('attendance', ['session_id', 'ID number', 'scannedAt']).problems).toEqual([]);
  });

  it('names unknown, repeated and missing columns', () => {
    const { problems } = mapHeaders('attendance', ['期次编号', '血型', 'session id']);
    expect(problems.map((p) => inEnglish(p.message))).toEqual([
      expect.stringContaining('unknown column "血型"'),
      expect.stringContaining('column "session id" appears twice'),
      expect.stringContaining('missing required column 签到时间 / scanned at'),
    ]);
  });
});
