// The site's only bundled script, on every page: remembers the reader's 简/繁 choice and makes
// the copy-link buttons work. Everything it enhances also works without it.
const KEY = 'pprd-script';

function announce(kind: 'copied' | 'failed'): void {
  const status = document.getElementById('live-status');
  if (!status) return;
  status.textContent = '';
  window.setTimeout(() => (status.textContent = status.dataset[kind] ?? ''), 50);
}

async function copy(anchor: string): Promise<void> {
  const url = `${location.origin}${location.pathname}#${anchor}`;
  try {
    await navigator.clipboard.writeText(url);
    announce('copied');
  } catch {
    announce('failed');
  }
  history.replaceState(null, '', `#${anchor}`);
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const choice = target?.closest<HTMLElement>('[data-script-choice]');
  if (choice) {
    try {
      localStorage.setItem(KEY, choice.dataset['scriptChoice'] ?? '');
    } catch {
      // Storage may be off; the link still works.
    }
  }
  const button = target?.closest<HTMLButtonElement>('button[data-copy]');
  if (button) void copy(button.dataset['copy'] ?? '');
});

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) button.hidden = false;
