import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import * as path from 'node:path';
import { builtConsoleDir, consoleRenderPath } from './web-root';

/**
 * Client-side routes: a browser opening `/auditor` (or any path outside the API's prefixes, with
 * no file extension) gets the console's index.html, whose router shows the screen. Registered at
 * module init, so after every API route: only requests no route answered reach it. An API client
 * (asking for JSON, or anything but HTML first) still gets the API's 404.
 */
@Injectable()
export class ConsoleFallback implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const root = builtConsoleDir();
    if (!root) return;
    const index = path.join(root, 'index.html');
    const app = this.adapterHost.httpAdapter.getInstance<{
      use(handler: (req: Request, res: Response, next: NextFunction) => void): void;
    }>();
    app.use((req, res, next) => {
      const navigation =
        (req.method === 'GET' || req.method === 'HEAD') &&
        consoleRenderPath.test(req.path) &&
        req.accepts(['json', 'html']) === 'html';
      if (!navigation) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (error) => {
        if (error) next(error);
      });
    });
  }
}
