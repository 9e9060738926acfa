import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    // Accessibility violations fail the story's test, not just show in the panel.
    a11y: { test: 'error' },
    layout: 'centered',
  },
  tags: ['autodocs'],
};

export default preview;
