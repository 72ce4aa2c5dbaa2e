// Marks the e2e suite reads to see where start-up time goes.
performance.mark('sq:main');
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { prefetch } from './app/useApi';
// A colour emoji font bundled with the UI: the copy leans on 🧧 🎉 👉, and a system without one shows tofu.
// Declared without ASCII (emoji-font.css): the font also maps the digits (for keycaps), which must stay the text font's.
import './emoji-font.css';
import './styles.css';
import './styles-editors.css';

// The first screen's data, fetched while React builds the UI.
prefetch('posts.list', {});
prefetch('groups.list', {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
