import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { formatMoney, type FormatMoneyOptions } from '../src/index.ts';

interface MoneyTableProps {
  amounts: { amount: number; currency: string; options?: FormatMoneyOptions }[];
}

/** A table of formatted amounts: how `formatMoney` from `@okra-balance/core` renders real values. */
function MoneyTable({ amounts }: MoneyTableProps) {
  return (
    <table>
      <caption>formatMoney</caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">Shown</th>
        </tr>
      </thead>
      <tbody>
        {amounts.map(({ amount, currency, options }) => (
          <tr key={`${amount}-${currency}-${JSON.stringify(options)}`}>
            <td>
              <code>
                {amount} {currency} {options?.unit ?? 'minor'}
              </code>
            </td>
            <td data-testid={`${amount}-${currency}`}>{formatMoney(amount, currency, options)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const meta = {
  title: 'core/formatMoney',
  component: MoneyTable,
} satisfies Meta<typeof MoneyTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Naira: Story = {
  args: {
    amounts: [
      { amount: 150050, currency: 'NGN' },
      { amount: 0, currency: 'NGN' },
      { amount: -2500, currency: 'NGN' },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('150050-NGN')).toHaveTextContent('₦1,500.50');
    await expect(canvas.getByTestId('0-NGN')).toHaveTextContent('₦0.00');
    await expect(canvas.getByTestId('-2500-NGN')).toHaveTextContent('-₦25.00');
  },
};

export const OtherCurrencies: Story = {
  args: {
    amounts: [
      { amount: 1999, currency: 'USD', options: { locale: 'en-US' } },
      { amount: 500, currency: 'JPY', options: { locale: 'en-US' } },
      { amount: 12, currency: 'naira' },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('1999-USD')).toHaveTextContent('$19.99');
    await expect(canvas.getByTestId('500-JPY')).toHaveTextContent('¥500');
    await expect(canvas.getByTestId('12-naira')).toHaveTextContent('0.12 NAIRA');
  },
};
