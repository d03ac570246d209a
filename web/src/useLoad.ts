import { useCallback, useState } from 'react';
import { ApiError } from './api';

/** Runs an API call for a screen: its result, whether it runs, and the error to show. */
export function useLoad<A extends unknown[], T>(call: (...args: A) => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (...args: A): Promise<T | null> => {
    setLoading(true);
    setError(null);
    try {
      const result = await call(...args);
      setData(result);
      return result;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setData(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  return { data, loading, error, run, setData };
}
