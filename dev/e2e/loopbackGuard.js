// Preloaded into every n8n process of the e2e tests (NODE_OPTIONS=--require): any connection or
// DNS lookup for a host outside 127.0.0.0/8, ::1 and localhost is refused and recorded in the
// file named by N8N_E2E_NETLOG, so a test can assert n8n talked to nothing but this machine.
'use strict';
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

const logFile = process.env.N8N_E2E_NETLOG;

function isLoopback(host) {
	if (host === undefined || host === null || host === '') return true; // Node's default: localhost
	const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

function record(kind, target) {
	if (!logFile) return;
	const stack = (new Error().stack || '').split('\n').slice(3, 12).map((l) => l.trim()).join(' < ');
	fs.appendFileSync(logFile, JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 3), kind, target, stack }) + '\n');
}

// One line per process that loaded the guard, so a test can tell "no attempts" from "no guard".
if (logFile) fs.appendFileSync(logFile, JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 3), kind: 'guard-loaded' }) + '\n');

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
	let options = args[0];
	if (Array.isArray(options)) options = options[0];
	let host;
	let port;
	let isPipe = false;
	if (options !== null && typeof options === 'object') {
		host = options.host;
		port = options.port;
		isPipe = typeof options.path === 'string';
	} else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
		port = options;
		host = typeof args[1] === 'string' ? args[1] : undefined;
	} else if (typeof options === 'string') {
		isPipe = true;
	}
	if (!isPipe && !isLoopback(host)) {
		record('connect', `${host}:${port}`);
		const socket = this;
		process.nextTick(() => {
			const error = new Error(`e2e loopback guard: connection to ${host}:${port} refused (only 127.0.0.1 is allowed)`);
			error.code = 'ECONNREFUSED';
			socket.destroy(error);
		});
		return this;
	}
	return originalConnect.apply(this, args);
};

const originalLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
	if (!isLoopback(hostname)) record('dns.lookup', hostname);
	return originalLookup.call(this, hostname, ...rest);
};
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, ...rest) {
	if (!isLoopback(hostname)) record('dns.promises.lookup', hostname);
	return originalPromisesLookup.call(this, hostname, ...rest);
};
