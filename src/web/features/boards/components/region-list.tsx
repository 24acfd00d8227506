import { Link } from 'react-router-dom';
import type { Region } from '../../../lib/api/get-regions';

/** Regions with something below them are links; townships are listed as plain text. */
export function RegionList({ regions, label }: { regions: Region[]; label: string }) {
  return (
    <ul className="region-grid" aria-label={label}>
      {regions.map((region) => (
        <li key={region.code}>
          {region.level === 'township' ? (
            <span className="region-chip">{region.name}</span>
          ) : (
            <Link to={`/boards/${region.code}`} className="region-link">
              {region.name}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
