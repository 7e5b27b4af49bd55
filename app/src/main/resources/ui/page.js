// The operator page's script: draws the map with Mermaid, refreshes its counts, and sends the
// pause, resume and exit buttons to the API (signed in by the page's cookie and its header).
(function () {
  'use strict';
  const message = document.getElementById('message');

  function say(text) {
    if (message) message.textContent = text;
  }

  document.addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-post]');
    if (!button) return;
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    button.disabled = true;
    try {
      const answer = await fetch(button.dataset.post, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Automap-Page': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ actor: 'operator page' }),
      });
      if (!answer.ok) {
        const problem = await answer.json().catch(() => ({}));
        say(problem.detail || 'the call failed (' + answer.status + ')');
        button.disabled = false;
        return;
      }
      // a signal reaches the run in a moment: show the page as it is then
      setTimeout(() => window.location.reload(), 700);
    } catch (err) {
      say('the call failed: ' + err);
      button.disabled = false;
    }
  });

  const source = document.getElementById('diagram-src');
  const target = document.getElementById('diagram');
  if (!source || !target || !window.mermaid) return;
  window.mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'antiscript',
    theme: 'neutral',
    flowchart: { htmlLabels: true, curve: 'basis', useMaxWidth: false },
  });
  let drawn = '';
  let turn = 0;
  async function draw(text) {
    if (text === drawn) return;
    const { svg, bindFunctions } = await window.mermaid.render('map-' + turn++, text);
    target.innerHTML = svg;
    if (bindFunctions) bindFunctions(target);
    drawn = text;
    document.body.dataset.drawn = 'yes';
  }
  draw(source.textContent).catch((err) => say('the diagram could not be drawn: ' + err));

  const figures = document.body.dataset.figures;
  if (!figures) return;
  setInterval(async () => {
    try {
      const answer = await fetch(figures, { credentials: 'same-origin' });
      if (!answer.ok) return;
      const live = await answer.json();
      const f = live.figures;
      for (const el of document.querySelectorAll('[data-total]')) {
        el.textContent = f[el.dataset.total];
      }
      for (const row of document.querySelectorAll('#steps tr[data-step]')) {
        const step = f.steps[row.dataset.step];
        if (!step) continue;
        for (const cell of row.querySelectorAll('[data-fig]')) {
          const value = step[cell.dataset.fig];
          cell.textContent = value === null || value === undefined ? '–' : value;
        }
      }
      const counted = document.getElementById('counted');
      if (counted) counted.textContent = 'Counted: ' + f.counted + '. Refreshed every 5 s.';
      await draw(live.diagram);
    } catch (err) {
      // the next turn tries again
    }
  }, 5000);
})();
