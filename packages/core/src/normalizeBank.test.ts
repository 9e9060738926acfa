import { describe, expect, it } from 'vitest';
import { normalizeBank } from './normalizeBank.ts';

describe('normalizeBank', () => {
  it('keeps logos that are http(s) URLs or inline images, and drops any other scheme', () => {
    const bank = (logo: string) => normalizeBank({ _id: 'b1', name: 'Bank', logo, icon: logo });
    expect(bank('https://cdn.example/gtb.png')).toMatchObject({ logo: 'https://cdn.example/gtb.png' });
    expect(bank('data:image/png;base64,AA')).toMatchObject({ logo: 'data:image/png;base64,AA' });
    for (const hostile of [
      'javascript:alert(1)',
      'data:text/html,<script>x</script>',
      '//evil.example/x',
      'x',
    ]) {
      expect(bank(hostile), hostile).toEqual({ id: 'b1', name: 'Bank' });
    }
  });
});
