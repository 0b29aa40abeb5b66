import { describe, it, expect } from 'vitest';
import { provisionsToReferences, type CitedWork } from '../pipeline/provisionsToReferences.ts';
import { linkReferences } from '../pipeline/linkReferences.ts';
import { cleanToProvisions } from '../pipeline/cleanToProvisions.ts';
import { provisions, type Part } from './support/provisions.ts';
import { SEED_PREFIXES, seedProvisions } from './support/seeds.ts';

const refs = (...parts: Part[]) => provisionsToReferences(provisions('doc', ...parts), 'doc');
const brief = (cited: CitedWork[]) =>
  cited.map((work) => [work.relation, work.cited_title, work.cited_doc_number, work.cited_doc_number_raw]);

describe('provisionsToReferences: what counts as a citation', () => {
  it('reads a title with its number in parentheses as one reference', () => {
    const cited = refs(
      '为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发〔2016〕18号),现提出如下意见。',
    );
    expect(brief(cited)).toEqual([
      ['implements', '国务院关于深化泛珠三角区域合作的指导意见', '国发〔2016〕18号', '国发〔2016〕18号'],
    ]);
    expect(cited[0]).toMatchObject({ document_id: 'doc', provision_id: 'p0' });
  });

  it('keeps the printed script of the title and canonicalises the number', () => {
    const cited = refs(
      '為深入貫徹落實《國務院關于深化泛珠三角區域合作的指導意見》（國發﹝2016﹞18號）,制定本實施意見。',
    );
    expect(brief(cited)).toEqual([
      ['implements', '國務院關于深化泛珠三角區域合作的指導意見', '国发〔2016〕18号', '國發﹝2016﹞18號'],
    ]);
  });

  it('keeps nested 〈…〉 inside the title and reads mismatched brackets in numbers', () => {
    const cited = refs(
      '根据《国家发展改革委办公厅关于印发〈深化泛珠三角区域合作重点工作分工方案〉的通知》(发改办地区〔2016〕1304号)有关要求',
      '为认真贯彻落实省政府《关于推进泛珠三角区域合作与发展有关问题的意见》(粤府[2004)129号),现提出如下意见:',
    );
    expect(brief(cited)).toEqual([
      [
        'cites',
        '国家发展改革委办公厅关于印发〈深化泛珠三角区域合作重点工作分工方案〉的通知',
        '发改办地区〔2016〕1304号',
        '发改办地区〔2016〕1304号',
      ],
      ['implements', '关于推进泛珠三角区域合作与发展有关问题的意见', '粤府〔2004〕129号', '粤府[2004)129号'],
    ]);
  });

  it('reads a number followed by an alias as the title’s, and the alias as no new citation', () => {
    const cited = refs(
      '为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发〔2016〕18号,以下简称《指导意见》),制定本方案。',
    );
    expect(brief(cited)).toEqual([
      ['implements', '国务院关于深化泛珠三角区域合作的指导意见', '国发〔2016〕18号', '国发〔2016〕18号'],
    ]);
  });

  it('makes a number cited without a title a reference of its own', () => {
    expect(brief(refs('按照国发〔2016〕18号文件要求,抓好落实。'))).toEqual([
      ['cites', null, '国发〔2016〕18号', '国发〔2016〕18号'],
    ]);
  });

  it('joins a title broken across lines', () => {
    expect(brief(refs('推进实施《珠江水运科学发展\n  行动计划》。'))).toEqual([
      ['cites', '珠江水运科学发展行动计划', null, null],
    ]);
  });
});

describe('provisionsToReferences: implements or cites', () => {
  it('reads 根据…精神 as carrying the cited work out, 根据…要求 and 落实 as citing it', () => {
    expect(
      brief(refs('根据《泛珠三角区域合作框架协议》精神,去年九月签署了《泛珠三角区域省会城市合作协议》。')),
    ).toEqual([
      ['implements', '泛珠三角区域合作框架协议', null, null],
      ['cites', '泛珠三角区域省会城市合作协议', null, null],
    ]);
    expect(
      brief(refs('落实《长江经济带发展规划纲要》和《长江中游城市群发展规划》实施方案。')).map(
        ([relation]) => relation,
      ),
    ).toEqual(['cites', 'cites']);
  });

  it('shares one cue across a list of citations', () => {
    const cited = refs(
      '为贯彻落实《甲规划》(国发〔2015〕1号)、《乙意见》和《丙方案》,结合实际,制定本方案。推动《丁纲要》实施。',
    );
    expect(cited.map((work) => [work.cited_title, work.relation])).toEqual([
      ['甲规划', 'implements'],
      ['乙意见', 'implements'],
      ['丙方案', 'implements'],
      ['丁纲要', 'cites'],
    ]);
  });

  it('does not carry a cue over a sentence end', () => {
    expect(brief(refs('为贯彻落实党中央部署。实施《水污染防治行动计划》。'))[0]![0]).toBe('cites');
  });
});

describe('provisionsToReferences: the document itself is not a reference', () => {
  it('skips the title and number lines and the covering notice naming what it issues', () => {
    const cited = refs(
      ['title', '湖南省人民政府\n\n  关于印发《湖南省深化泛珠三角区域合作\n\n  实施方案》的通知'],
      ['doc-number', '湘政发〔2016〕21号'],
      ['notice', '现将《湖南省深化泛珠三角区域合作实施方案》印发给你们,请认真抓好贯彻落实。'],
      ['title', '湖南省深化泛珠三角区域合作实施方案'],
      '为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发﹝2016﹞18号),特制定本实施方案。',
    );
    expect(cited.map((work) => work.cited_doc_number)).toEqual(['国发〔2016〕18号']);
  });

  it('drops the issued document when the notice says it was approved, in either script', () => {
    expect(
      refs(['notice', '《深化泛珠三角区域合作重点工作分工方案》已经省政府领导同志同意,现印发你们。']),
    ).toEqual([]);
    expect(refs(['notice', '現將《廣東省深化泛珠三角區域合作實施意見》印發給你們,請認真貫徹執行。'])).toEqual(
      [],
    );
  });

  it('drops a title that matches the document’s own title, or the one its notice title issues', () => {
    const cited = refs(
      ['title', '廣東省人民政府關于印發廣東省深化\n\n  泛珠三角區域合作實施意見的通知'],
      '省政府將適時開展專項督查,推動《廣東省深化泛珠三角區域合作實施意見》深入貫徹實施。',
    );
    expect(cited).toEqual([]);
  });

  it('keeps a citation in the same sentence as the notice’s 印发给你们', () => {
    const cited = refs(['notice', '根据《泛珠三角区域合作框架协议》精神,现将实施方案印发给你们。']);
    expect(brief(cited)).toEqual([['implements', '泛珠三角区域合作框架协议', null, null]]);
  });

  it('drops the document’s own number standing on its line even where the line was not recognised', () => {
    expect(
      refs('川办函〔2016〕212号 2016年12月30日', '见国发〔2016〕18号。').map((work) => work.cited_doc_number),
    ).toEqual(['国发〔2016〕18号']);
  });
});

const work = (documentId: string, title: string | null, number: string | null = null): CitedWork => ({
  document_id: documentId,
  provision_id: 'p1',
  relation: 'cites',
  cited_title: title,
  cited_doc_number: number,
  cited_doc_number_raw: number,
});

describe('linkReferences', () => {
  const GUIDANCE = '国务院关于深化泛珠三角区域合作的指导意见';

  it('links to an archive document by canonical number, else by simplified title', () => {
    const { references, externals } = linkReferences(
      [
        {
          id: 'yuefu-2004-129',
          doc_number: '粤府[2004]129号',
          title: '关于推进泛珠三角区域合作与发展有关问题的意见',
        },
        { id: 'kuangjia-xieyi', doc_number: null, title: '泛珠三角区域合作框架协议' },
      ],
      [work('a', '省政府意见', '粤府〔2004〕129号'), work('a', '泛珠三角區域合作框架協議')],
    );
    expect(references.map((reference) => reference.target_document_id)).toEqual([
      'yuefu-2004-129',
      'kuangjia-xieyi',
    ]);
    expect(references.every((reference) => reference.target_external_id === null)).toBe(true);
    expect(externals).toEqual([]);
  });

  it('does not link by title to an archive document whose number differs', () => {
    const { references } = linkReferences(
      [{ id: 'chuanbanhan-2016-212', doc_number: '川办函〔2016〕212号', title: '分工方案' }],
      [work('a', '分工方案', '发改办地区〔2016〕1304号')],
    );
    expect(references[0]).toMatchObject({
      target_document_id: null,
      target_external_id: 'fagaibandiqu-2016-1304',
    });
  });

  it('records an external work once per number, with every citing document', () => {
    const { references, externals } = linkReferences(
      [],
      [
        work('b', '國務院關于深化泛珠三角區域合作的指導意見', '国发〔2016〕18号'),
        work('a', GUIDANCE, '国发〔2016〕18号'),
        work('b', null, '国发〔2016〕18号'),
      ],
    );
    expect(externals).toEqual([
      { id: 'guofa-2016-18', doc_number: '国发〔2016〕18号', title: GUIDANCE, cited_by: ['a', 'b'] },
    ]);
    expect(references.map((reference) => reference.target_external_id)).toEqual(
      Array(3).fill('guofa-2016-18'),
    );
  });

  it('links a shortened title to the full title its document cites with a number', () => {
    const { references, externals } = linkReferences(
      [],
      [
        work('a', '指导意见'),
        work('a', GUIDANCE, '国发〔2016〕18号'),
        work('a', '指導意見'),
        work('c', '指导意见'),
      ],
    );
    expect(references.map((reference) => reference.target_external_id)).toEqual([
      'guofa-2016-18',
      'guofa-2016-18',
      'guofa-2016-18',
      'zhidao-yijian',
    ]);
    expect(externals.map((external) => [external.id, external.cited_by])).toEqual([
      ['guofa-2016-18', ['a']],
      ['zhidao-yijian', ['c']],
    ]);
  });

  it('takes a shortened title’s full form from its own document only, wherever its citations stand', () => {
    const { references } = linkReferences(
      [],
      [
        work('b', '关于深化合作的指导意见', '国发〔2016〕99号'),
        work('a', '指导意见'),
        work('c', '另一份指导意见', '国发〔2016〕77号'),
        work('a', GUIDANCE, '国发〔2016〕18号'),
      ],
    );
    expect(references.map((reference) => reference.target_external_id)).toEqual([
      'guofa-2016-99',
      'guofa-2016-18',
      'guofa-2016-77',
      'guofa-2016-18',
    ]);
  });

  it('links a title cited without a number to the number another document cites it with', () => {
    const { references, externals } = linkReferences(
      [],
      [work('a', GUIDANCE), work('b', GUIDANCE, '国发〔2016〕18号')],
    );
    expect(references.map((reference) => reference.target_external_id)).toEqual([
      'guofa-2016-18',
      'guofa-2016-18',
    ]);
    expect(externals[0]!.cited_by).toEqual(['a', 'b']);
  });

  it('keeps external ids unique and clear of archive ids', () => {
    const { externals } = linkReferences(
      [{ id: 'shui-wuran-fangzhi-xingdong-jihua', doc_number: '粤府〔2015〕1号', title: '其他' }],
      [work('a', '水污染防治行动计划'), work('a', '水污染防治行动计划(修订)')],
    );
    expect(externals.map((external) => external.id)).toEqual([
      'shui-wuran-fangzhi-xingdong-jihua-2',
      'shui-wuran-fangzhi-xingdong-jihua-xiuding',
    ]);
  });
});

describe('references in the seeds', () => {
  const documents = SEED_PREFIXES.map((prefix) => {
    const { id, provisions: parsed } = seedProvisions(prefix);
    return { id, parsed };
  });
  const cited = documents.flatMap(({ id, parsed }) => provisionsToReferences(parsed, id));
  const { references, externals } = linkReferences(
    documents.map(({ id, parsed }) => ({
      id,
      doc_number: null,
      title: parsed.find((provision) => provision.kind === 'title')?.text ?? '',
    })),
    cited,
  );

  it('has the seed ids the assertions name', () => {
    expect(documents.map(({ id }) => id)).toEqual([
      'shier-wu-yue-gui-zhanlve-hezuo-kuangjia-xieyi',
      'yuefu-2017-8',
      'chuanbanhan-2016-212',
      'suifuban-2005-48',
      'xiangzhengfa-2016-21',
    ]);
  });

  it('records 国发〔2016〕18号 once, cited and carried out by 001, 002 and 004 only', () => {
    const guidance = externals.filter((external) => external.doc_number === '国发〔2016〕18号');
    expect(guidance).toEqual([
      {
        id: 'guofa-2016-18',
        doc_number: '国发〔2016〕18号',
        title: '国务院关于深化泛珠三角区域合作的指导意见',
        cited_by: ['chuanbanhan-2016-212', 'xiangzhengfa-2016-21', 'yuefu-2017-8'],
      },
    ]);
    for (const id of ['yuefu-2017-8', 'chuanbanhan-2016-212', 'xiangzhengfa-2016-21']) {
      const numbered = references.filter(
        (reference) => reference.document_id === id && reference.cited_doc_number === '国发〔2016〕18号',
      );
      expect(numbered.map((reference) => [reference.relation, reference.target_external_id])).toEqual([
        ['implements', 'guofa-2016-18'],
      ]);
    }
    const citing = new Set(
      references.filter((r) => r.target_external_id === 'guofa-2016-18').map((r) => r.document_id),
    );
    expect([...citing].sort()).toEqual(['chuanbanhan-2016-212', 'xiangzhengfa-2016-21', 'yuefu-2017-8']);
  });

  it('links 001’s later 《指導意見》 to the same record', () => {
    const short = references.filter((reference) => reference.cited_title === '指導意見');
    expect(
      short.map((reference) => [reference.document_id, reference.relation, reference.target_external_id]),
    ).toEqual([['yuefu-2017-8', 'cites', 'guofa-2016-18']]);
  });

  it('reads 003’s 粤府[2004)129号 as carried out', () => {
    const provincial = references.filter((reference) => reference.document_id === 'suifuban-2005-48');
    expect(provincial.find((reference) => reference.cited_doc_number === '粤府〔2004〕129号')).toMatchObject({
      relation: 'implements',
      cited_doc_number_raw: '粤府[2004)129号',
      target_external_id: 'yuefu-2004-129',
    });
  });

  it('never cites a document itself, its own number or its issued title', () => {
    for (const reference of references) {
      expect(reference.target_document_id).not.toBe(reference.document_id);
      expect(reference.target_external_id).not.toBe(`${reference.document_id}-2`);
    }
    expect(
      references.some((reference) => reference.cited_title?.includes('深化泛珠三角区域合作实施方案')),
    ).toBe(false);
    expect(
      references.some((reference) => reference.cited_title?.includes('廣東省深化泛珠三角區域合作實施意見')),
    ).toBe(false);
  });
});

describe('a plan citing its predecessor of the same name', () => {
  it('keeps the citation when it carries another number', () => {
    const text = [
      '广东省深化泛珠三角区域合作实施意见',
      '粤府〔2019〕3号',
      '根据《广东省深化泛珠三角区域合作实施意见》(粤府〔2005〕156号)精神,制定本意见。',
      '现将《广东省深化泛珠三角区域合作实施意见》印发给你们。',
      '',
    ].join('\n');
    const { provisions } = cleanToProvisions(text, 'yuefu-2019-3');
    const cited = provisionsToReferences(provisions, 'yuefu-2019-3');
    expect(cited.map((reference) => reference.cited_doc_number)).toEqual(['粤府〔2005〕156号']);
  });
});
