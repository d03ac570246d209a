import type { ArgumentsHost } from '@nestjs/common';
import express from 'express';
import { EventIdConflictError, WrongExpectedVersionError } from '../event-store/event-store.errors';
import { EventStoreErrorFilter } from './event-store-error.filter';

/** The store's 409 as the HTTP layer shows it: Chinese with zh, the store's English otherwise. */
describe('event-store refusals at the edge', () => {
  function answer(error: Error, acceptLanguage?: string) {
    // A real Express request (its own content negotiation), and a response that records.
    const req = Object.create(express.request) as express.Request;
    req.headers = acceptLanguage ? { 'accept-language': acceptLanguage } : {};
    const sent: { status?: number; body?: Record<string, unknown> } = {};
    const res = {
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: Record<string, unknown>) {
        sent.body = body;
        return this;
      },
    };
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    new EventStoreErrorFilter().catch(error, host);
    return sent;
  }

  it('wrong expected version: 409, the same error name, the message in the caller’s language', () => {
    const error = new WrongExpectedVersionError('person-1', '3', 4);
    const plain = answer(error);
    const chinese = answer(error, 'zh-CN,zh;q=0.9');
    expect(plain).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'WrongExpectedVersionError',
        message: 'stream person-1: expected 3, but the stream is at version 4',
      },
    });
    expect(answer(error, 'en')).toEqual(plain);
    expect(chinese.status).toBe(409);
    expect(chinese.body).toEqual({
      ...plain.body,
      message: '记录 person-1 已被同时修改（预期版本 3，实际版本 4）；请重新读取后再试',
    });
  });

  it('an event id reused with other content: 409, Chinese with zh', () => {
    const error = new EventIdConflictError('e-1', 'type differs');
    expect(answer(error).body?.message).toBe(error.message);
    expect(answer(error, 'zh').body?.message).toMatch(/^事件 e-1 已以不同内容记录过/);
  });
});
