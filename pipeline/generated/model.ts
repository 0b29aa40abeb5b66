// Generated from schemas/*.schema.json by `npm run generate:types`. Do not edit.

/**
 * A government body, enterprise or collective of bodies named as responsible for tasks. Resolved against the curated gazetteer; names not in it are kept and flagged.
 */
export interface Agency {
  id: string;
  /**
   * Official name (simplified script).
   */
  name: string;
  /**
   * ISO 3166-2 code of the region the body belongs to (CN for national bodies).
   */
  jurisdiction: string;
  level: 'national' | 'provincial' | 'municipal' | 'county' | 'unknown';
  /**
   * agency: one body; collective: a group such as 各市(州)人民政府; enterprise: a company or bank branch.
   */
  kind: 'agency' | 'collective' | 'enterprise';
  /**
   * Other names in either script, short forms included.
   */
  aliases: string[];
  /**
   * False for names the gazetteer does not know yet.
   */
  in_gazetteer: boolean;
}

/**
 * A dated target: 到2020年…, 2013年前建成通车, 到“十二五”期末 (2015), 每年6月底和12月底前报送 (recurring).
 */
export interface Commitment {
  document_id: string;
  provision_id: string;
  /**
   * ISO 8601: a year (2020), a year and month (2011-12), or for recurring deadlines month-days (--06-30;--12-31).
   */
  due: string;
  /**
   * by: 到…/…年 (at the latest then); before: …年前; end: …年底/期末; recurring: every year.
   */
  due_kind: 'by' | 'before' | 'end' | 'recurring';
  /**
   * The date expression as printed.
   */
  due_text: string;
  /**
   * The sentence that holds the commitment.
   */
  text: string;
}

/**
 * One cooperation document with its metadata, structure, tasks, references, commitments and the provenance of its text. Unknown values are null, never guessed.
 */
export interface Document {
  schema_version: '1.0';
  id: string;
  /**
   * The document's own title.
   */
  title: string;
  /**
   * Where the document is issued with a covering notice (印发…的通知), that notice's title.
   */
  notice_title: string | null;
  /**
   * 发文字号, canonical: 〔〕 brackets, simplified script, no spaces.
   */
  doc_number: string | null;
  /**
   * 发文字号 as printed.
   */
  doc_number_raw: string | null;
  issuers: string[];
  /**
   * From the signature block or the number line; null when the document does not say.
   */
  issued_date: string | null;
  /**
   * When and where the scraped copy was posted: metadata about the scrape, not the document.
   */
  repost: {
    date: string | null;
    site: string | null;
  };
  /**
   * in-force: marked as in force (现行有效); no-longer-in-force: marked 已失效/失效/废止; unknown: the source says nothing.
   */
  status: 'in-force' | 'no-longer-in-force' | 'unknown';
  /**
   * The marking the status was read from.
   */
  status_note: string | null;
  /**
   * agreement 协议; opinion 意见; plan 方案/规划; division-plan 分工方案; notice 通知; measures 办法/细则; other.
   */
  doc_type: 'agreement' | 'opinion' | 'plan' | 'division-plan' | 'notice' | 'measures' | 'other';
  script: 'zh-Hans' | 'zh-Hant';
  /**
   * 主送.
   */
  recipients: string[];
  /**
   * ISO 3166-2 codes of the regions the document involves (parties, issuers).
   */
  regions: string[];
  source: {
    file: string;
    sha256: string;
    encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
    bom: boolean;
    encoding_evidence: string;
  };
  provisions: Provision[];
  tasks: Task[];
  /**
   * The agencies this document's tasks name.
   */
  agencies: Agency[];
  references: Reference[];
  commitments: Commitment[];
  repairs: Repair[];
  /**
   * What the parser could not settle, carried as data.
   */
  problems: {
    code: string;
    message: string;
    provision_id?: string;
  }[];
}

/**
 * A document cited by the archive's documents but not in the archive itself, recorded once however often it is cited.
 */
export interface ExternalReference {
  id: string;
  doc_number: string | null;
  title: string | null;
  cited_by: string[];
}

/**
 * The curated list of bodies that plans name as responsible for tasks (pipeline/config/agencies.json). Simplified script only: traditional forms are derived when the file is loaded.
 */
export interface Gazetteer {
  about?: string;
  agencies: {
    /**
     * The region's ISO 3166-2 code in lower case, then the body's usual short name in toneless pinyin: cn-gd-fagaiwei. Never changed once published.
     */
    id: string;
    /**
     * Official name, simplified script.
     */
    name: string;
    /**
     * ISO 3166-2 code of the region the body serves; CN for national bodies.
     */
    jurisdiction: string;
    level: 'national' | 'provincial' | 'municipal' | 'county';
    kind: 'agency' | 'collective' | 'enterprise';
    /**
     * Names that identify the body wherever printed, because they name its place: 长沙海关, 广州市政府.
     */
    aliases: string[];
    /**
     * Short forms that mean the body only in documents of its own region: 省发改委 in a Sichuan plan is Sichuan's.
     */
    local_aliases: string[];
  }[];
}

/**
 * One unit of a document's structure (章/节/条/款/项, 一、/（一）/1.), or an unnumbered part (title, notice, signature, paragraph). Read in order, the provisions' text reproduces the clean body.
 */
export interface Provision {
  /**
   * Stable within the document and usable as a URL anchor: the path of labels, e.g. `ch1-art4-i1`.
   */
  id: string;
  document_id: string;
  /**
   * The enclosing provision, or null at the top.
   */
  parent_id: string | null;
  /**
   * title: the document's title block; doc-number; recipients (主送); notice: the text of a covering notice; signature: issuer and date lines; chapter 章; section 节; article 条; item: numbered 一、/（一）/1./（1） lists; paragraph: unnumbered running text (款).
   */
  kind:
    | 'title'
    | 'doc-number'
    | 'recipients'
    | 'notice'
    | 'signature'
    | 'chapter'
    | 'section'
    | 'article'
    | 'item'
    | 'paragraph';
  /**
   * The numbering style of a numbered provision, outermost first: chapter 第X章, section 第X节, article 第X条, han 一、, paren-han （一）, arabic 1. or 1、, paren-arabic （1）, circled ①.
   */
  numbering?: 'chapter' | 'section' | 'article' | 'han' | 'paren-han' | 'arabic' | 'paren-arabic' | 'circled';
  /**
   * The number as printed: 第四条, （三）, 1.
   */
  label: string | null;
  /**
   * The provision's heading, if it has one.
   */
  heading: string | null;
  /**
   * The provision's own text exactly as in the clean body (label, heading and line breaks included, children excluded).
   */
  text: string;
  /**
   * 0-based order in the document.
   */
  position: number;
  /**
   * 0 at the top level.
   */
  depth: number;
}

/**
 * A citation of another document by title (《…》) and/or 发文字号, linked to a document in the archive or to an external-reference record.
 */
export interface Reference {
  document_id: string;
  provision_id: string;
  /**
   * implements: the citing document says it carries the cited one out (为贯彻落实…); cites: any other mention.
   */
  relation: 'cites' | 'implements';
  cited_title: string | null;
  /**
   * Canonical 发文字号.
   */
  cited_doc_number: string | null;
  cited_doc_number_raw: string | null;
  /**
   * The cited document when it is in the archive.
   */
  target_document_id: string | null;
  /**
   * Otherwise the external-reference record.
   */
  target_external_id: string | null;
}

/**
 * One logged change from the raw scrape to the clean body: a removed invisible character, a normalisation, a repair, a reviewed override or a removal of site chrome. Undoing them all gives back the raw text.
 */
export interface Repair {
  stage: 'invisible' | 'normalise' | 'gbk-shift' | 'pinyin' | 'override' | 'chrome';
  kind: 'invisible' | 'normalise' | 'gbk-shift' | 'pinyin' | 'override' | 'chrome';
  rule: string;
  /**
   * 1-based line in the decoded raw seed.
   */
  line: number;
  /**
   * 1-based column in characters.
   */
  column: number;
  original: string;
  replacement: string;
  confidence: number;
  note: string;
}

/**
 * A responsibility statement: work to do and the agencies responsible for it, with their roles.
 */
export interface Task {
  id: string;
  document_id: string;
  /**
   * The provision the task belongs to.
   */
  provision_id: string;
  /**
   * The label and heading of the provision, e.g. (六) 构建区域大通关体制.
   */
  label: string;
  /**
   * The work, without the responsibility statement.
   */
  text: string;
  /**
   * The responsibility statement as printed, e.g. (省发改委牵头,省商务厅等参与).
   */
  responsibility: string;
  /**
   * @minItems 1
   */
  agencies: [
    {
      agency_id: string;
      name_as_printed: string;
      /**
       * lead 牵头; participant 参与 or listed after the lead; shared 按职责分工负责 with no lead.
       */
      role: 'lead' | 'participant' | 'shared';
    },
    ...{
      agency_id: string;
      name_as_printed: string;
      /**
       * lead 牵头; participant 参与 or listed after the lead; shared 按职责分工负责 with no lead.
       */
      role: 'lead' | 'participant' | 'shared';
    }[],
  ];
}
