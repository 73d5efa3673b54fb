import { describe, expect, it } from 'vitest';
import { classifyBlocks, joinKept, splitBlocks } from './boilerplate';

const verdicts = (text: string) => classifyBlocks(splitBlocks(text));
const flagged = (text: string) => verdicts(text).filter((v) => v.likelyBoilerplate).map((v) => v.text);

describe('splitBlocks', () => {
  it('splits at blank lines and keeps single newlines inside a block', () => {
    const blocks = splitBlocks('First line\nstill first\n\n\nSecond\r\n\r\nThird');
    expect(blocks.map((b) => b.text)).toEqual(['First line\nstill first', 'Second', 'Third']);
    expect(blocks.map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('falls back to lines when the text has no blank lines', () => {
    expect(splitBlocks('a\nb\nc').map((b) => b.text)).toEqual(['a', 'b', 'c']);
    expect(splitBlocks('a\nb\n\u0020\nc').map((b) => b.text)).toEqual(['a\nb', 'c']);
    expect(splitBlocks('one\ntwo').map((b) => b.text)).toEqual(['one', 'two']);
  });

  it('drops empty input', () => {
    expect(splitBlocks('  \n\n  ')).toEqual([]);
  });
});

describe('classifyBlocks', () => {
  const story =
    'I was arrested at the checkpoint in the spring. They kept me for three weeks and asked about my brother every night.';

  it('keeps narrative paragraphs', () => {
    expect(flagged(`${story}\n\nAfter that we left the city by night and walked until morning.`)).toEqual([]);
  });

  it('flags newsletter, paywall, read-more and share lines', () => {
    const text = [
      'Sign up for our newsletter',
      story,
      'Already a subscriber? Log in to continue reading.',
      'Read more: The long road north',
      'Share this on Facebook | Twitter | WhatsApp',
    ].join('\n\n');
    expect(flagged(text)).toEqual([
      'Sign up for our newsletter',
      'Already a subscriber? Log in to continue reading.',
      'Read more: The long road north',
      'Share this on Facebook | Twitter | WhatsApp',
    ]);
  });

  it('flags a comment section and what follows it', () => {
    const v = verdicts([story, '12 Comments', 'Great article, thanks!', 'So sad to read this.'].join('\n\n'));
    expect(v.map((x) => x.likelyBoilerplate)).toEqual([false, true, true, true]);
    expect(v[2]?.reasons).toContain('comments');
  });

  it('flags readers\' comments written as full sentences after a comment heading', () => {
    const v = verdicts([story, '3 Comments', 'Reader_42: This is heartbreaking, thank you for publishing.', 'Omar B.: I grew up two streets away and I remember that winter well.'].join('\n\n'));
    expect(v.map((x) => x.likelyBoilerplate)).toEqual([false, true, true, true]);
  });

  it('flags chrome repeated at top and bottom, but not short repeated answers', () => {
    const nav = 'Home | World | Middle East | Opinion | Video';
    const v = verdicts([nav, 'Yes.', story, 'Yes.', nav].join('\n\n'));
    expect(v.map((x) => x.likelyBoilerplate)).toEqual([true, false, false, false, true]);
  });

  it('flags Arabic and French boilerplate', () => {
    expect(flagged(['اقرأ المزيد', story, 'Abonnez-vous à notre newsletter', 'جميع الحقوق محفوظة ©'].join('\n\n'))).toHaveLength(3);
  });

  it('does not drop a long testimony paragraph that mentions Facebook', () => {
    const long =
      'My cousin posted a photo of the protest on Facebook and two days later the security men came to our house, ' +
      'took his phone and beat my father in front of the children while the neighbours watched from the windows.';
    expect(flagged(long)).toEqual([]);
  });

  it('flags bare links and copyright lines', () => {
    expect(flagged(['https://example.org/story/123', story, '© 2024 Example Media. All rights reserved.'].join('\n\n'))).toEqual([
      'https://example.org/story/123',
      '© 2024 Example Media. All rights reserved.',
    ]);
  });
});

describe('joinKept', () => {
  it('joins kept blocks with blank lines in original order', () => {
    const blocks = splitBlocks('a\n\nb\n\nc');
    expect(joinKept(blocks, new Set([2, 0]))).toBe('a\n\nc');
  });
});
