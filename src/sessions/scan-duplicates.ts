import { Inject, Injectable } from '@nestjs/common';
import { Database, DATABASE } from '../database/database';

/** The organizer-visible count of repeated scans (see migrations/0002_scan_duplicates.sql). */
@Injectable()
export class ScanDuplicates {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async count(sessionId: string, attendanceId: string, scannedAt: Date): Promise<void> {
    await this.database.sql`
      INSERT INTO scan_duplicates (session_id, attendance_id, duplicates, last_scanned_at)
      VALUES (${sessionId}, ${attendanceId}, 1, ${scannedAt})
      ON CONFLICT (session_id, attendance_id)
      DO UPDATE SET duplicates = scan_duplicates.duplicates + 1,
                    last_scanned_at = greatest(scan_duplicates.last_scanned_at, excluded.last_scanned_at)`;
  }

  async forSession(sessionId: string): Promise<Map<string, number>> {
    const rows = await this.database.sql<{ attendance_id: string; duplicates: number }[]>`
      SELECT attendance_id, duplicates FROM scan_duplicates WHERE session_id = ${sessionId}`;
    return new Map(rows.map((r) => [r.attendance_id, r.duplicates]));
  }
}
