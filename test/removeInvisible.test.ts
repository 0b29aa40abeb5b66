import { describe, it, expect } from 'vitest';
import { removeInvisible, invisibleRule, countRemoved } from '../pipeline/removeInvisible.ts';
import { applyEdits, recordStage, startHistory, undoAll } from '../pipeline/textEdits.ts';
import { rawToClean, DEFAULT_CLEAN_CONFIG } from '../pipeline/rawToClean.ts';
import { utf8 } from './support/build.ts';

const clean = (text: string) => applyEdits(text, removeInvisible(text)).text;

describe('removeInvisible', () => {
  it('removes zero-width characters, each run one logged edit naming its code points', () => {
    const text = '粤港\u200b澳\u200c\u200d大湾区\u2060合作\ufeff';
    const edits = removeInvisible(text);
    expect(clean(text)).toBe('粤港澳大湾区合作');
    expect(edits.map((edit) => [edit.rule, text.slice(edit.start, edit.end)])).toEqual([
      ['zero-width', '\u200b'],
      ['zero-width', '\u200c\u200d'],
      ['zero-width', '\u2060'],
      ['zero-width', '\ufeff'],
    ]);
    expect(edits[1]).toMatchObject({ kind: 'invisible', replacement: '', confidence: 1 });
    expect(edits[1]!.note).toBe('2 invisible characters: U+200C U+200D');
  });

  it('removes every bidi control: marks, embeddings, overrides and isolates', () => {
    const controls = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    for (const char of controls)
      expect(invisibleRule(char), char.codePointAt(0)!.toString(16)).toBe('bidi-control');
    expect(clean(`关于\u202e知通的作合\u202c的通知`)).toBe('关于知通的作合的通知');
  });

  it('removes other format characters, DEL and C1 controls, noncharacters and lone surrogates', () => {
    expect(invisibleRule('\u00ad')).toBe('format-character');
    expect(invisibleRule('\u{e0041}')).toBe('format-character');
    expect(invisibleRule('\u007f')).toBe('control-character');
    expect(invisibleRule('\u0086')).toBe('control-character');
    expect(invisibleRule('\u009f')).toBe('control-character');
    expect(invisibleRule('\u0085')).toBeUndefined(); // NEL: a line break, for normalisation
    for (const char of ['\ufdd0', '\ufdef', '\ufffe', '\uffff', '\u{1fffe}', '\u{10ffff}']) {
      expect(invisibleRule(char)).toBe('noncharacter');
    }
    expect(invisibleRule('\ud800')).toBe('lone-surrogate');
    expect(invisibleRule('\udfff')).toBe('lone-surrogate');
    const text = 'a\ud800b\u{1fffe}c\u{1f600}d\ufffe';
    expect(clean(text)).toBe('abc\u{1f600}d');
    expect(countRemoved(applyEdits(text, removeInvisible(text)).applied)).toBe(3);
  });

  it('keeps visible text, spaces, tabs, newlines, private-use characters and ideographic variation selectors', () => {
    const text = '第一条 合作\t原则\u3000\u00a0\n\r\f\ue000〓?(qū)葛\u{e0100}《协议》\u{1f600}\u200a';
    expect(removeInvisible(text)).toEqual([]);
  });

  it('is undone exactly: nothing lost', () => {
    const text = '\u202e\u200b一、\u2066推进\u2069合作\u0086\ufffe\n';
    const history = recordStage(startHistory(text), 'invisible', removeInvisible(text));
    expect(history.text).toBe('一、推进合作\n');
    expect(undoAll(history.text, history.stages)).toBe(text);
  });

  it('runs first in rawToClean, so later stages see clean text; the document counts what it removed', () => {
    const page = '关于推进\u200b合作\u202e的通知\n一、推进区域合作。（省发展\u200d改革委牵头）\n';
    const document = rawToClean(utf8(page), 'seeds/x.txt', DEFAULT_CLEAN_CONFIG);
    expect(document.history.stages[0]!.stage).toBe('invisible');
    expect(document.history.text).toBe('关于推进合作的通知\n一、推进区域合作。（省发展改革委牵头）\n');
    expect(document.invisible).toBe(3);
    expect(undoAll(document.history.text, document.history.stages)).toBe(page);
  });
});
