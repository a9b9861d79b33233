// Benchmark contender: what a Node user writes with Runware's official JavaScript SDK (@runware/sdk-js).
// Forked by BenchmarkDriver like the Java contenders: submits N videoInference tasks at once through the SDK, lets
// the SDK do its own waiting (its getResponse polling over the WebSocket), downloads each video to a file with
// fetch, and writes what this process measured in the same result format as ContenderMain.
//
// Arguments: n wsUrl apiKey workDir resultFile
// Environment: BENCH_VIDEO_BYTES (expected size, -1: any), BENCH_TIME_SCALE (1: real time; k: every timer the SDK
// sets runs k times sooner, the same scaling the simulator's render times get), BENCH_TIMEOUT_SEC (300),
// BENCH_IN_FLIGHT_GC_MS (3500).
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [nArg, wsUrl, apiKey, workDir, resultFile] = process.argv.slice(2);
const n = Number.parseInt(nArg, 10);
const expectedBytes = Number.parseInt(process.env.BENCH_VIDEO_BYTES ?? '-1', 10);
const timeScale = Number.parseFloat(process.env.BENCH_TIME_SCALE ?? '1');
const timeoutSec = Number.parseInt(process.env.BENCH_TIMEOUT_SEC ?? '300', 10);
const inFlightGcMs = Number.parseInt(process.env.BENCH_IN_FLIGHT_GC_MS ?? '3500', 10);

// the probe keeps real time; the SDK's timers (poll interval, request timeouts, heartbeat) are scaled
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
if (timeScale !== 1) {
    const scaled = (original) => (fn, ms, ...args) => original(fn, (ms ?? 0) / timeScale, ...args);
    globalThis.setTimeout = scaled(globalThis.setTimeout);
    globalThis.setInterval = scaled(globalThis.setInterval);
}
const { RunwareServer } = await import('@runware/sdk-js');

const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const outDir = path.join(workDir, 'out');
fs.mkdirSync(outDir, { recursive: true });

function threadCount() {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /^Threads:\s+(\d+)/m.exec(status);
    return match ? Number.parseInt(match[1], 10) : 0;
}

// the SDK connects and authenticates before the clock starts, as the Java contenders start Camel first
const runware = new RunwareServer({ apiKey, url: wsUrl });
await runware.ensureConnection();

const idleThreads = threadCount();
let peakThreads = idleThreads;
let peakHeap = 0;
let peakRss = 0;
let inFlightHeap = -1;
let inFlightGcMicros = 0;
const began = performance.now();
const sampler = realSetInterval(() => {
    if (inFlightHeap < 0 && performance.now() - began >= inFlightGcMs && typeof globalThis.gc === 'function') {
        inFlightGcMicros = nowMicros();
        globalThis.gc();
        inFlightHeap = process.memoryUsage().heapUsed;
    }
    const memory = process.memoryUsage();
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    peakRss = Math.max(peakRss, memory.rss);
    peakThreads = Math.max(peakThreads, threadCount());
}, 50);

let gcCount = 0;
let gcMillis = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        gcCount++;
        gcMillis += entry.duration;
    }
}).observe({ entryTypes: ['gc'] });

const completions = [];
let delivered = 0;
let sizeOk = 0;
let failed = 0;
let firstFailure = '';
const cpuStart = process.cpuUsage();
const startMicros = nowMicros();

async function one(i) {
    try {
        const results = await runware.videoInference({
            model: 'bytedance:seedance@2.0-mini',
            positivePrompt: 'A paper boat on a river, take ' + i,
            duration: 5,
            width: 864,
            height: 496,
        });
        const video = results[0];
        const file = path.join(outDir, video.taskUUID + '.mp4');
        const response = await fetch(video.videoURL);
        if (!response.ok) {
            throw new Error('GET ' + video.videoURL + ' answered ' + response.status);
        }
        await pipeline(Readable.fromWeb(response.body), fs.createWriteStream(file));
        if (expectedBytes < 0 || fs.statSync(file).size === expectedBytes) {
            sizeOk++;
        }
        completions.push(video.taskUUID + ' ' + nowMicros() + ' ' + new URL(video.videoURL).pathname);
        delivered++;
        fs.rmSync(file, { force: true });
    } catch (e) {
        if (failed++ === 0) {
            // fetch reports a broken download as "terminated", with what happened in its cause
            const cause = e?.cause ? ': ' + (e.cause.code ?? '') + ' ' + (e.cause.message ?? e.cause) : '';
            firstFailure = String(e?.message ?? (typeof e === 'object' ? JSON.stringify(e) : e)) + cause;
        }
    }
}

const all = Promise.all(Array.from({ length: n }, (_, i) => one(i))).then(() => true);
const timeout = new Promise((resolve) => setTimeout(() => resolve(false), timeoutSec * 1000 * timeScale));
const completedInTime = await Promise.race([all, timeout]);
const elapsedMillis = Math.round((nowMicros() - startMicros) / 1000);
const cpu = process.cpuUsage(cpuStart);
realClearInterval(sampler);

// the same keys ContenderMain writes (Java properties: key=value, one a line)
const clean = (s) => String(s).replace(/[^A-Za-z0-9 .,;()_/+-]/g, ' ').slice(0, 500);
const result = {
    contender: 'sdk-js',
    n,
    completedInTime,
    startMicros,
    elapsedMillis,
    delivered,
    sizeOk,
    failed: failed + (completedInTime ? 0 : n - delivered - failed),
    firstFailure: clean(firstFailure || (completedInTime ? '' : 'timed out after ' + timeoutSec + ' s')),
    baselineThreads: 0,
    maxHeapMB: Math.round(v8.getHeapStatistics().heap_size_limit / 1048576),
    threadsIdle: idleThreads,
    threadsPeakJvm: peakThreads,
    threadsPeakRoute: peakThreads,
    threadsPeakComponent: 0,
    threadsPeakComponentGroups: '',
    threadsPeakJdkAsync: 0,
    threadsStarted: -1,
    commonPoolParallelism: 0,
    threadGroupsAtPeak: '',
    heapPeakPoolsBytes: peakHeap,
    heapInFlightBytes: inFlightHeap,
    heapInFlightMicros: inFlightGcMicros,
    heapPeakSampledBytes: peakHeap,
    heapPeakLiveBytes: inFlightHeap,
    rssPeakBytes: peakRss,
    gcCount,
    gcMillis: Math.round(gcMillis),
    cpuNanos: (cpu.user + cpu.system) * 1000,
    gc: 'V8 ' + process.versions.v8,
};
fs.mkdirSync(path.dirname(resultFile), { recursive: true });
fs.writeFileSync(resultFile, Object.entries(result).map(([k, v]) => k + '=' + v).join('\n') + '\n');
fs.writeFileSync(resultFile + '.tasks', completions.map((line) => line + '\n').join(''));
fs.rmSync(workDir, { recursive: true, force: true });
console.log(`sdk-js n=${n} done=${completedInTime} delivered=${delivered} failed=${failed} in ${elapsedMillis} ms`);
await runware.disconnect();
process.exit(0);
