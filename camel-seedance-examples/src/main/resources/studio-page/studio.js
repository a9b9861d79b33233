// The Seedance studio page: plain JavaScript, no build step, nothing fetched but the studio's own API.
'use strict';

const HEADERS = {'X-Studio-Request': '1'};
const FIELDS = ['positivePrompt', 'model', 'resolution', 'aspectRatio', 'duration', 'outputFormat', 'numberResults',
    'audio'];
const jobs = new Map();
let clockOffset = 0;        // server time minus this browser's time, ms
let estimateTimer = null;
let estimateSeq = 0;

const $ = (id) => document.getElementById(id);

function money(value) {
    if (value === null || value === undefined) {
        return '-';
    }
    return '$' + Number(value).toFixed(Number(value) < 1 ? 3 : 2);
}

function seconds(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    return s < 120 ? s + ' s' : Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
}

function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
        if (value === null || value === undefined || value === false) {
            return;
        }
        if (key === 'class') {
            node.className = value;
        } else if (key === 'text') {
            node.textContent = value;
        } else if (key.startsWith('on')) {
            node.addEventListener(key.substring(2), value);
        } else {
            node.setAttribute(key, value === true ? '' : value);
        }
    });
    children.flat(Infinity).forEach((child) => child !== null && child !== undefined
        && node.append(child instanceof Node ? child : document.createTextNode(child)));
    return node;
}

// ---- state from the studio

function showBackend(backend) {
    const node = $('backend');
    node.className = 'backend ' + (backend.billed ? 'billed' : 'simulated');
    node.textContent = 'Talking to ' + backend.description + '.';
}

function showSpend(spend) {
    $('spend-today').textContent = money(spend.today) + ' ' + spend.currency;
    $('spend-month').textContent = money(spend.month) + ' ' + spend.currency;
    $('budget').textContent = spend.budget === null
        ? 'No budget is set. When one is, it shows here, next to what was spent.'
        : 'Budget: ' + money(spend.budget) + ' ' + spend.currency;
}

function fillForm(defaults, choices) {
    ['model', 'resolution', 'aspectRatio', 'outputFormat'].forEach((name) => {
        const select = $(name);
        if (select.options.length === 0) {
            choices[name].forEach((value) => select.append(element('option', {value: value, text: value})));
            select.value = defaults[name];
        }
    });
    if (!$('duration').value) {
        $('duration').value = defaults.duration;
    }
    if (!$('numberResults').value) {
        $('numberResults').value = defaults.numberResults;
    }
    $('audio').checked = defaults.audio;
}

function applyState(state) {
    clockOffset = state.now - Date.now();
    showBackend(state.backend);
    showSpend(state.spend);
    fillForm(state.defaults, state.choices);
    jobs.clear();
    $('queue').replaceChildren();
    state.jobs.forEach(showJob);
}

// ---- the queue

function showJob(job) {
    jobs.set(job.id, job);
    const card = renderJob(job);
    const existing = document.querySelector('[data-job="' + CSS.escape(job.id) + '"]');
    if (existing) {
        // keep a playing video playing: only replace a card whose state changed
        if (existing.dataset.state !== job.state || job.state !== 'done') {
            existing.replaceWith(card);
        }
    } else {
        $('queue').prepend(card);
    }
    $('queue-empty').hidden = jobs.size > 0;
    tick();
}

function renderJob(job) {
    const stateText = {
        waiting: 'waiting', rendering: 'rendering', done: 'done', failed: 'failed', abandoned: 'stopped'
    }[job.state];
    const card = element('li', {class: 'job ' + job.state, 'data-job': job.id, 'data-state': job.state},
        element('h3', {}, element('span', {text: job.input}), element('span', {class: 'state', text: stateText})));
    if (job.prompt) {
        card.append(element('p', {class: 'prompt', text: job.prompt.length > 300
                ? job.prompt.substring(0, 300) + '...' : job.prompt}));
    }
    if (job.state === 'waiting') {
        card.append(element('p', {class: 'meta', text: job.error
                ? 'Not sent: ' + job.error + ' It stays in the inbox and is tried again.'
                : 'Waiting in the inbox to be picked up.'}));
    } else if (job.state === 'rendering') {
        const label = 'Rendering ' + job.input;
        card.append(
            element('progress', {max: 100, value: 0, 'aria-label': label, 'data-progress': job.id}),
            element('p', {class: 'meta', 'data-timing': job.id}),
            element('p', {class: 'meta', text: 'Task ' + (job.taskUUID || '(not sent yet)')}));
    } else if (job.state === 'done') {
        job.videos.forEach((video) => {
            card.append(
                element('video', {controls: true, preload: 'metadata', src: video.url,
                    'aria-label': 'Video ' + video.file}),
                element('p', {class: 'meta'},
                    element('a', {href: video.url, download: video.file, text: 'Download ' + video.file}),
                    ' · seed ' + video.seed + ' · ' + money(video.cost)
                    + ' · ' + Math.round(video.size / 1024) + ' kB'));
        });
        card.append(element('p', {class: 'meta', text: 'Task ' + job.taskUUID + ' · rendered in '
                + seconds(job.finishedAt - job.startedAt) + (job.cost !== null ? ' · ' + money(job.cost) : '')}));
    } else if (job.state === 'failed') {
        if (job.parameters.length > 0) {
            card.append(element('p', {class: 'meta'}, 'Parameter: ',
                job.parameters.map((p, i) => [i > 0 ? ', ' : '', element('span', {class: 'parameter', text: p})])));
        }
        card.append(element('p', {class: 'error', role: 'alert', text: job.error}));
        if (job.retry) {
            card.append(element('button', {type: 'button', class: 'secondary', onclick: () => retry(job),
                text: 'Try again', 'aria-label': 'Try ' + job.input + ' again'}));
        }
    } else if (job.state === 'abandoned') {
        card.append(element('p', {class: 'meta', text: 'The studio stopped before this was done; it stays in the'
                + ' inbox and is finished, without a new charge, on the next start.'}));
    }
    return card;
}

function tick() {
    const now = Date.now() + clockOffset;
    jobs.forEach((job) => {
        if (job.state !== 'rendering' || !job.startedAt) {
            return;
        }
        const elapsed = now - job.startedAt;
        const estimate = (job.estimate || 60) * 1000;
        const progress = Math.min(99, Math.max(0, Math.round(elapsed / estimate * 100)));
        const bar = document.querySelector('[data-progress="' + CSS.escape(job.id) + '"]');
        const timing = document.querySelector('[data-timing="' + CSS.escape(job.id) + '"]');
        if (bar) {
            bar.value = progress;
            bar.textContent = progress + '%';
        }
        if (timing) {
            timing.textContent = seconds(elapsed) + ' elapsed · ' + (elapsed < estimate
                ? 'about ' + seconds(estimate - elapsed) + ' left'
                : 'taking longer than the ' + seconds(estimate) + ' expected') + ' (estimate from the renders seen)';
        }
    });
}

async function retry(job) {
    const answer = await fetch('/api/jobs/' + encodeURIComponent(job.id) + '/retry', {method: 'POST',
        headers: HEADERS});
    const body = await answer.json();
    $('upload-status').textContent = answer.ok ? job.input + ' is back in the inbox as ' + body.saved + '.'
        : 'Could not try again: ' + body.error;
}

// ---- new videos: files

function baseOf(name) {
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
}

function extensionOf(name) {
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot + 1).toLowerCase() : '';
}

async function put(name, body) {
    const answer = await fetch('/api/inbox/' + encodeURIComponent(name), {method: 'PUT', headers: HEADERS,
        body: body});
    const result = await answer.json();
    if (!answer.ok) {
        throw new Error(result.error);
    }
    return result.saved;
}

async function upload(fileList) {
    const files = Array.from(fileList);
    // images first, so that the prompt of the same name finds its image when it is picked up
    files.sort((a, b) => (['txt', 'json'].includes(extensionOf(a.name)) ? 1 : 0)
        - (['txt', 'json'].includes(extensionOf(b.name)) ? 1 : 0));
    const renamed = new Map();
    const saved = [];
    try {
        for (const file of files) {
            const base = baseOf(file.name);
            const name = renamed.has(base) ? renamed.get(base) + '.' + extensionOf(file.name) : file.name;
            const stored = await put(name, file);
            if (baseOf(stored) !== baseOf(name)) {
                renamed.set(base, baseOf(stored));
            }
            saved.push(stored);
        }
        $('upload-status').textContent = 'In the inbox: ' + saved.join(', ') + '.';
    } catch (error) {
        $('upload-status').textContent = 'Not stored: ' + error.message;
    }
}

// ---- new videos: the form

function formRequest() {
    return {
        positivePrompt: $('prompt').value.trim(),
        model: $('model').value,
        resolution: $('resolution').value,
        aspectRatio: $('aspectRatio').value,
        duration: Number($('duration').value),
        outputFormat: $('outputFormat').value,
        numberResults: Number($('numberResults').value),
        audio: $('audio').checked
    };
}

function clearErrors() {
    FIELDS.forEach((name) => {
        const input = document.querySelector('[name="' + name + '"]');
        const note = $('error-' + name);
        input.removeAttribute('aria-invalid');
        if (note) {
            note.hidden = true;
            note.textContent = '';
        }
    });
    $('request-error').hidden = true;
}

function showErrors(error, parameters) {
    let placed = false;
    parameters.forEach((parameter) => {
        const name = parameter.replace(/^settings\./, '').replace(/^inputs\./, '');
        const input = document.querySelector('[name="' + name + '"]');
        const note = $('error-' + name);
        if (input && note) {
            input.setAttribute('aria-invalid', 'true');
            note.textContent = name + ': ' + error;
            note.hidden = false;
            placed = true;
        }
    });
    if (!placed) {
        $('request-error').textContent = error;
        $('request-error').hidden = false;
    }
}

async function estimate() {
    const request = formRequest();
    clearErrors();
    if (!request.positivePrompt) {
        $('price').textContent = 'Type a prompt to see its price.';
        return;
    }
    const seq = ++estimateSeq;
    $('price').textContent = 'Asking Runware for the price...';
    const answer = await fetch('/api/estimate', {method: 'POST', headers: {...HEADERS,
        'Content-Type': 'application/json'}, body: JSON.stringify(request)});
    const body = await answer.json();
    if (seq !== estimateSeq) {
        return;
    }
    if (answer.ok) {
        $('price').textContent = 'Price: ' + money(body.cost) + ' USD for ' + request.numberResults + ' video(s) of '
            + request.duration + ' s (nothing is billed until you send it).';
    } else {
        $('price').textContent = 'No price: the request is not valid.';
        showErrors(body.error, body.parameters || []);
    }
}

function scheduleEstimate() {
    clearTimeout(estimateTimer);
    estimateTimer = setTimeout(estimate, 400);
}

function requestName(request) {
    const typed = $('name').value.trim().replace(/\.json$/i, '');
    const words = request.positivePrompt.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').slice(0, 4);
    return (typed || words.join('-') || 'video').replace(/[^A-Za-z0-9._-]+/g, '-') + '.json';
}

async function send(event) {
    event.preventDefault();
    const request = formRequest();
    try {
        const saved = await put(requestName(request), new Blob([JSON.stringify(request, null, 2)],
            {type: 'application/json'}));
        $('upload-status').textContent = 'Sent: ' + saved + ' is in the inbox.';
        $('prompt').value = '';
        $('name').value = '';
        $('price').textContent = 'Type a prompt to see its price.';
    } catch (error) {
        $('request-error').textContent = 'Not sent: ' + error.message;
        $('request-error').hidden = false;
    }
}

// ---- wiring

function connect() {
    const events = new EventSource('/api/events');
    events.addEventListener('state', (e) => applyState(JSON.parse(e.data)));
    events.addEventListener('job', (e) => showJob(JSON.parse(e.data)));
    events.addEventListener('spend', (e) => showSpend(JSON.parse(e.data)));
    events.onerror = () => {
        $('backend').textContent = 'Lost the connection to the studio; trying again...';
    };
}

document.addEventListener('DOMContentLoaded', () => {
    const zone = $('dropzone');
    zone.addEventListener('dragover', (e) => {
        e.preventDefault();
        zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
        e.preventDefault();
        zone.classList.remove('over');
        upload(e.dataTransfer.files);
    });
    $('files').addEventListener('change', (e) => {
        upload(e.target.files);
        e.target.value = '';
    });
    $('request').addEventListener('input', scheduleEstimate);
    $('request').addEventListener('change', scheduleEstimate);
    $('request').addEventListener('submit', send);
    setInterval(tick, 500);
    connect();
});
