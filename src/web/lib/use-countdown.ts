import { useEffect, useState } from 'react';

/**
 * The wait before an SMS code may be asked for again: `start(seconds)` after a code is sent, and
 * `secondsLeft` counts down to 0 once a second (the send button shows it and stays disabled).
 */
export function useCountdown(): [secondsLeft: number, start: (seconds: number) => void] {
  const [secondsLeft, setSecondsLeft] = useState(0);
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);
  return [secondsLeft, setSecondsLeft];
}
