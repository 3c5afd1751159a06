// A small OpenAI-compatible chat model on 127.0.0.1 for n8n's OpenAI Chat Model node: it answers
// each conversation with the turns a test scripted for it (tool calls, then a text answer) and
// records every request, so a test can read exactly what n8n sent the model.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ToolDefinition {
	type: 'function';
	function: { name: string; description?: string; parameters?: { type: 'object'; properties?: Record<string, JsonSchema>; required?: string[] } };
}

export interface JsonSchema {
	type?: string | string[];
	description?: string;
	[key: string]: unknown;
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

export type ScriptedReply = { content: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> };

/** One turn of a conversation: what the model answers, given the request n8n sent for that turn. */
export type ScriptedTurn = (request: ChatCompletionRequest) => ScriptedReply;

export interface RecordedRequest {
	/** The conversation's first user message (the chat input). */
	conversation: string;
	/** 0 for the first request of the conversation, 1 after the model's first answer, … */
	turn: number;
	body: ChatCompletionRequest;
}

/** A message's text, whether the content is a string or a list of parts. */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

/** The tool messages (the tools' answers) a request carries, oldest first. */
export function toolResults(request: ChatCompletionRequest): Array<{ toolCallId?: string; content: string }> {
	return request.messages.filter((message) => message.role === 'tool').map((message) => ({ toolCallId: message.tool_call_id, content: messageText(message) }));
}

/** The name n8n gave a tool, found by how it starts (n8n derives it from the node's name). */
export function toolName(request: ChatCompletionRequest, startsWith: string): string {
	const names = (request.tools ?? []).map((tool) => tool.function.name);
	const name = names.find((candidate) => candidate.toLowerCase().startsWith(startsWith.toLowerCase()));
	if (!name) throw new Error(`no tool starting with "${startsWith}" among ${JSON.stringify(names)}`);
	return name;
}

function conversationOf(request: ChatCompletionRequest): { conversation: string; turn: number } {
	const firstUser = request.messages.findIndex((message) => message.role === 'user');
	if (firstUser === -1) return { conversation: '', turn: 0 };
	const turn = request.messages.slice(firstUser + 1).filter((message) => message.role === 'assistant').length;
	return { conversation: messageText(request.messages[firstUser]).trim(), turn };
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export class ScriptedModel {
	readonly requests: RecordedRequest[] = [];

	private readonly scripts = new Map<string, ScriptedTurn[]>();

	private server?: Server;

	private port = 0;

	private calls = 0;

	/** The base URL for the OpenAI credential's "Base URL" field. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/v1`;
	}

	/** What the model answers in the conversation that starts with `chatInput`, turn by turn. */
	script(chatInput: string, turns: ScriptedTurn[]): void {
		this.scripts.set(chatInput.trim(), turns);
	}

	/** The requests of one conversation, in the order n8n sent them. */
	conversation(chatInput: string): RecordedRequest[] {
		return this.requests.filter((request) => request.conversation === chatInput.trim());
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: unknown) => {
				if (!response.headersSent) this.fail(response, 500, (error as Error).message);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.baseUrl);
		if (request.method === 'GET' && url.pathname.endsWith('/models')) {
			this.json(response, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'e2e' }] });
			return;
		}
		if (request.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
			this.fail(response, 404, `not served: ${request.method ?? ''} ${url.pathname}`);
			return;
		}
		const body = JSON.parse(await readBody(request)) as ChatCompletionRequest;
		const { conversation, turn } = conversationOf(body);
		this.requests.push({ conversation, turn, body });
		const turns = this.scripts.get(conversation);
		// 400, not 5xx: the OpenAI client retries server errors, and an unscripted turn is the test's mistake.
		if (!turns) return this.fail(response, 400, `no script for the conversation ${JSON.stringify(conversation)}`);
		if (turn >= turns.length) return this.fail(response, 400, `the script of ${JSON.stringify(conversation)} has no turn ${turn}`);
		const reply = turns[turn](body);
		this.calls += 1;
		if (body.stream) this.stream(response, body, reply);
		else this.json(response, 200, this.completion(body, reply));
	}

	private toolCalls(reply: ScriptedReply) {
		if (!('toolCalls' in reply)) return undefined;
		return reply.toolCalls.map((call, index) => ({
			id: `call_${this.calls}_${index}`,
			type: 'function' as const,
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		}));
	}

	private completion(body: ChatCompletionRequest, reply: ScriptedReply) {
		const toolCalls = this.toolCalls(reply);
		return {
			id: `chatcmpl-${this.calls}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [
				{
					index: 0,
					message: toolCalls ? { role: 'assistant', content: null, tool_calls: toolCalls } : { role: 'assistant', content: (reply as { content: string }).content },
					finish_reason: toolCalls ? 'tool_calls' : 'stop',
				},
			],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		};
	}

	/** The same answer as server-sent events, for a client that asked for a stream. */
	private stream(response: ServerResponse, body: ChatCompletionRequest, reply: ScriptedReply): void {
		const toolCalls = this.toolCalls(reply);
		const base = { id: `chatcmpl-${this.calls}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model };
		const delta = toolCalls
			? { role: 'assistant', content: null, tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }
			: { role: 'assistant', content: (reply as { content: string }).content };
		response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
		const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
		send({ ...base, choices: [{ index: 0, delta, finish_reason: null }] });
		send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: toolCalls ? 'tool_calls' : 'stop' }] });
		if (body.stream_options?.include_usage) send({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
		response.end('data: [DONE]\n\n');
	}

	private json(response: ServerResponse, status: number, body: unknown): void {
		response.writeHead(status, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(body));
	}

	private fail(response: ServerResponse, status: number, message: string): void {
		this.json(response, status, { error: { message, type: 'invalid_request_error', code: null } });
	}
}
