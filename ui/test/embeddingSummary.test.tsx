// The run panel's vector summary: the pure functions and the component.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatVectors, OutputValue, summarizeVectors } from '../src/run/EmbeddingSummary';

afterEach(cleanup);

describe('summarizeVectors', () => {
  it('summarizes a list of vectors by count, dimensions and first values', () => {
    const s = summarizeVectors([[0.123456, -1, 2, 3, 4], [5, 6, 7, 8, 9]]);
    expect(s).toEqual({ count: 2, dimensions: 5, first: [0.123456, -1, 2, 3] });
    expect(formatVectors(s!)).toBe('2 × 5 vectors [0.1235, -1.0000, 2.0000, 3.0000, …]');
    expect(formatVectors(summarizeVectors([[1.5, 2]])!)).toBe('1 × 2 vectors [1.5000, 2.0000]');
  });

  it('leaves anything that is not vectors alone', () => {
    expect(summarizeVectors('text')).toBeNull();
    expect(summarizeVectors([])).toBeNull();
    expect(summarizeVectors([[]])).toBeNull();
    expect(summarizeVectors([1, 2])).toBeNull();
    expect(summarizeVectors([[1, 2], [3]])).toBeNull();
    expect(summarizeVectors([['a']])).toBeNull();
  });
});

describe('OutputValue', () => {
  it('shows vectors as one line with a download of the full JSON', () => {
    const vectors = Array.from({ length: 3 }, (_, i) => Array.from({ length: 384 }, (_, d) => (i + d) / 1000));
    render(<OutputValue name="embeddings" value={vectors} />);
    const box = screen.getByTestId('vectors-embeddings');
    expect(box.textContent).toContain('3 × 384 vectors [0.0000, 0.0010, 0.0020, 0.0030, …]');
    expect(document.body.textContent).not.toContain('0.383');
    // jsdom has no blob URLs: record what the download is made of
    const blobs: Blob[] = [];
    const clicks: string[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push(this.download); });
    fireEvent.click(screen.getByRole('button', { name: 'download JSON' }));
    expect(clicks).toEqual(['embeddings.json']);
    expect(blobs[0].size).toBe(JSON.stringify(vectors).length);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test');
    click.mockRestore();
  });

  it('prints other values as before', () => {
    render(<OutputValue name="answer" value={{ a: 1 }} />);
    expect(document.querySelector('pre')?.textContent).toBe('{\n  "a": 1\n}');
    cleanup();
    render(<OutputValue name="answer" value="plain" />);
    expect(document.querySelector('pre')?.textContent).toBe('plain');
  });
});
