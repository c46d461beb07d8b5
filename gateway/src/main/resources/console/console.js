// The operations console (运维控制台): reads /api/v1/ops/* of this gateway with the operator's API key, kept in
// sessionStorage for this tab only. No libraries and nothing from elsewhere: it must work on an offline network.
'use strict';

(function () {
  const KEY_STORAGE = 'mengkeju.console.apiKey';
  const HISTORY = 60;
  const SVG = 'http://www.w3.org/2000/svg';
  const refreshSeconds = (() => {
    const asked = Number(new URLSearchParams(location.search).get('refresh'));
    return Number.isFinite(asked) && asked >= 1 && asked <= 300 ? asked : 5;
  })();

  // The key figures, each the sum of one gauge's samples (of one status where given) across the services.
  const FIGURES = [
    { id: 'listings', label: 'Listings 成果', metric: 'mengkeju_catalog_listings' },
    { id: 'listings-published', label: 'Published listings 已发布成果', metric: 'mengkeju_catalog_listings', status: 'PUBLISHED' },
    { id: 'demands', label: 'Demands 技术需求', metric: 'mengkeju_matching_demands' },
    { id: 'proposals', label: 'Match proposals 对接建议', metric: 'mengkeju_matching_proposals' },
    { id: 'contracts-registered', label: 'Contracts registered 登记合同', metric: 'mengkeju_contract_contracts', status: 'REGISTERED' },
    { id: 'technology-amount', label: 'Technology transaction amount 技术交易额 (yuan)', metric: 'mengkeju_contract_registered_technology_amount_yuan' },
    { id: 'points-issued', label: 'Points issued 积分发放', metric: 'mengkeju_points_issued' },
    { id: 'points-redeemed', label: 'Points redeemed 积分兑换', metric: 'mengkeju_points_redeemed' },
    { id: 'leads', label: 'Financing leads 融资线索', metric: 'mengkeju_finance_leads_by_status' },
    { id: 'disbursed', label: 'Loans disbursed 放款 (yuan)', metric: 'mengkeju_finance_disbursed_yuan' },
  ];

  const history = new Map(FIGURES.map((f) => [f.id, []]));
  let timer = null;
  let busy = false;

  const $ = (id) => document.getElementById(id);

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  function show(text, kind) {
    const box = $('message');
    if (!text) {
      box.hidden = true;
      box.textContent = '';
      delete box.dataset.kind;
      return;
    }
    box.hidden = false;
    box.dataset.kind = kind || 'error';
    box.textContent = text;
  }

  class Refused extends Error {}

  async function call(method, path) {
    const response = await fetch(path, {
      method,
      headers: { 'X-Api-Key': apiKey(), Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }
    if (response.status === 401) {
      throw new Refused('This API key is not accepted by the gateway (unknown, revoked or expired). '
        + 'Enter an operator key.');
    }
    if (response.status === 403) {
      throw new Refused('This key is not an operator\'s: the operations console is for OPERATOR clients only. '
        + (body && body.detail ? '(' + body.detail + ')' : ''));
    }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : response.status + ' ' + response.statusText;
      throw new Error(detail + (body && body.requestId ? ' [request ' + body.requestId + ']' : ''));
    }
    return body;
  }

  function signedIn(yes) {
    $('login').hidden = yes;
    $('console').hidden = !yes;
    $('session').hidden = !yes;
    document.body.dataset.state = yes ? 'console' : 'login';
  }

  function stop() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function refuse(text) {
    stop();
    sessionStorage.removeItem(KEY_STORAGE);
    signedIn(false);
    document.body.dataset.state = 'refused';
    show(text, 'error');
  }

  async function refresh() {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const overview = await call('GET', '/api/v1/ops/overview');
      signedIn(true);
      renderFigures(overview);
      renderHealth(overview);
      renderBacklog(overview);
      await renderDeadLetters(overview);
      $('updated-at').textContent = new Date(overview.generatedAt).toLocaleString();
      $('updated-at').dateTime = overview.generatedAt;
      $('refresh-state').textContent = 'refreshing every ' + refreshSeconds + ' s';
      document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
      if ($('message').dataset.kind === 'error') {
        show(null);
      }
    } catch (failure) {
      if (failure instanceof Refused) {
        refuse(failure.message);
        return;
      }
      show('Could not refresh: ' + failure.message, 'error');
    } finally {
      busy = false;
    }
    if (apiKey()) {
      stop();
      timer = setTimeout(refresh, refreshSeconds * 1000);
    }
  }

  function figureValue(overview, figure) {
    let found = false;
    let total = 0;
    for (const service of overview.services) {
      for (const sample of service.figures || []) {
        if (sample.metric === figure.metric && (!figure.status || sample.status === figure.status)) {
          found = true;
          total += sample.value;
        }
      }
    }
    return found ? total : null;
  }

  function format(value) {
    if (value === null || value === undefined) {
      return '–';
    }
    return Number.isInteger(value) ? value.toLocaleString('zh-CN')
      : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  }

  function renderFigures(overview) {
    const box = $('figures');
    const now = Date.now();
    for (const figure of FIGURES) {
      const value = figureValue(overview, figure);
      const points = history.get(figure.id);
      if (value !== null) {
        points.push({ t: now, v: value });
        if (points.length > HISTORY) {
          points.shift();
        }
      }
      let card = box.querySelector('[data-figure="' + figure.id + '"]');
      if (!card) {
        card = document.createElement('div');
        card.className = 'figure';
        card.dataset.figure = figure.id;
        const label = document.createElement('div');
        label.className = 'label';
        label.textContent = figure.label;
        const number = document.createElement('div');
        number.className = 'value';
        card.append(label, number, document.createElementNS(SVG, 'svg'));
        box.append(card);
      }
      const number = card.querySelector('.value');
      number.textContent = format(value);
      number.dataset.value = value === null ? '' : String(value);
      sparkline(card.querySelector('svg'), points);
    }
  }

  function sparkline(svg, points) {
    const width = 200;
    const height = 40;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.replaceChildren();
    if (points.length === 0) {
      return;
    }
    const values = points.map((p) => p.v);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min || 1;
    const step = points.length > 1 ? width / (points.length - 1) : 0;
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.map((p, i) => (i * step).toFixed(1) + ','
      + (height - 3 - ((p.v - min) / span) * (height - 6)).toFixed(1)).join(' '));
    svg.append(line);
  }

  function badge(text) {
    const span = document.createElement('span');
    const known = ['UP', 'DOWN', 'UNREACHABLE', 'OUT_OF_SERVICE', 'REPLAYED', 'REPLAYING', 'AWAITING'];
    span.className = 'status ' + (known.includes(text) ? text : 'other');
    span.textContent = text;
    return span;
  }

  function cell(row, content) {
    const td = document.createElement('td');
    if (content instanceof Node) {
      td.append(content);
    } else {
      td.textContent = content === null || content === undefined ? '–' : String(content);
    }
    row.append(td);
    return td;
  }

  function renderHealth(overview) {
    const body = $('health').querySelector('tbody');
    const rows = overview.services.map((service) => {
      const row = document.createElement('tr');
      row.dataset.service = service.name;
      row.dataset.status = service.status;
      cell(row, service.service);
      cell(row, badge(service.status));
      const components = Object.entries(service.components || {}).map(([name, status]) => name + ' ' + status);
      cell(row, components.length ? components.join(', ') : (service.problem || '–'));
      cell(row, service.outboxPending).dataset.outbox = service.outboxPending ?? '';
      cell(row, service.deadLettersAwaitingReplay === null ? null
        : service.deadLettersAwaitingReplay + ' of ' + service.deadLetters).dataset.deadLetters =
        service.deadLettersAwaitingReplay ?? '';
      return row;
    });
    body.replaceChildren(...rows);
  }

  function renderBacklog(overview) {
    const box = $('backlog-chart');
    const width = 600;
    const height = 180;
    const services = overview.services;
    const max = Math.max(1, ...services.map((s) => Math.max(s.outboxPending || 0, s.deadLettersAwaitingReplay || 0)));
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'outbox and dead-letter backlog per service');
    const slot = width / services.length;
    services.forEach((service, i) => {
      const bars = [['outbox', service.outboxPending || 0], ['dead', service.deadLettersAwaitingReplay || 0]];
      bars.forEach(([kind, value], j) => {
        const barHeight = (value / max) * (height - 50);
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('class', kind);
        rect.setAttribute('x', (i * slot + 12 + j * 26).toFixed(1));
        rect.setAttribute('y', (height - 30 - barHeight).toFixed(1));
        rect.setAttribute('width', '22');
        rect.setAttribute('height', Math.max(barHeight, 0.5).toFixed(1));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = service.name + ' ' + (kind === 'outbox' ? 'outbox backlog ' : 'dead letters awaiting replay ')
          + value;
        rect.append(title);
        svg.append(rect);
        const label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', (i * slot + 14 + j * 26).toFixed(1));
        label.setAttribute('y', (height - 34 - barHeight).toFixed(1));
        label.textContent = String(value);
        svg.append(label);
      });
      const name = document.createElementNS(SVG, 'text');
      name.setAttribute('x', (i * slot + 12).toFixed(1));
      name.setAttribute('y', String(height - 12));
      name.textContent = service.name;
      svg.append(name);
    });
    const legend = document.createElementNS(SVG, 'text');
    legend.setAttribute('x', '4');
    legend.setAttribute('y', '12');
    legend.textContent = 'blue: outbox backlog (events not yet published) · red: dead letters awaiting replay';
    svg.append(legend);
    box.replaceChildren(svg);
  }

  async function renderDeadLetters(overview) {
    const rows = [];
    for (const service of overview.services) {
      if (!service.deadLetters) {
        continue;
      }
      let listing;
      try {
        listing = await call('GET', '/api/v1/ops/services/' + encodeURIComponent(service.name) + '/dead-letters?limit=50');
      } catch (failure) {
        if (failure instanceof Refused) {
          throw failure;
        }
        show('Could not read the dead letters of ' + service.service + ': ' + failure.message, 'error');
        continue;
      }
      for (const letter of listing.deadLetters) {
        rows.push(deadLetterRow(service.name, letter));
      }
    }
    $('dead-letters').querySelector('tbody').replaceChildren(...rows);
    $('dead-letters').hidden = rows.length === 0;
    $('dead-letters-empty').hidden = rows.length !== 0;
  }

  function deadLetterRow(service, letter) {
    const row = document.createElement('tr');
    row.dataset.deadLetterId = letter.id;
    row.dataset.service = service;
    cell(row, service);
    cell(row, new Date(letter.deadLetteredAt).toLocaleString());
    cell(row, letter.topic + ' / ' + letter.group);
    cell(row, letter.key);
    cell(row, (letter.eventType || 'no type') + (letter.eventId ? ' ' + letter.eventId : ''));
    cell(row, letter.reason).className = 'reason';
    if (letter.replay && letter.replay.state === 'REPLAYED') {
      const done = badge('REPLAYED');
      done.title = 'by ' + letter.replay.requestedBy + ' at ' + letter.replay.replayedAt;
      row.dataset.state = 'REPLAYED';
      cell(row, done);
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'replay';
      button.textContent = 'Replay 重放';
      button.addEventListener('click', () => replay(service, letter.id, button));
      row.dataset.state = 'AWAITING';
      cell(row, button);
    }
    return row;
  }

  async function replay(service, id, button) {
    button.disabled = true;
    try {
      const outcome = await call('POST', '/api/v1/ops/services/' + encodeURIComponent(service) + '/dead-letters/'
        + encodeURIComponent(id) + '/replay');
      show(outcome.replayedNow ? 'Dead letter ' + id + ' replayed to ' + outcome.deadLetter.topic + '.'
        : 'Dead letter ' + id + ' had been replayed before; nothing was published again.', 'info');
    } catch (failure) {
      if (failure instanceof Refused) {
        refuse(failure.message);
        return;
      }
      show('Replay of ' + id + ' failed: ' + failure.message, 'error');
      button.disabled = false;
      return;
    }
    stop();
    refresh();
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      return;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    $('api-key').value = '';
    show(null);
    stop();
    refresh();
  });

  $('sign-out').addEventListener('click', () => {
    stop();
    sessionStorage.removeItem(KEY_STORAGE);
    history.forEach((points) => points.splice(0));
    signedIn(false);
    show('Signed out.', 'info');
  });

  if (apiKey()) {
    refresh();
  } else {
    signedIn(false);
  }
}());
