import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Link } from 'react-router-dom';
import type { Board } from '../api/get-boards';

export function BoardList({ boards, empty }: { boards: Board[]; empty: string }) {
  if (boards.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className="board-grid">
      {boards.map((board) => (
        <li key={board.id}>
          <Link to={`/board/${board.id}`} className="board-card">
            <span className="board-card-icon" aria-hidden>
              {board.kind === 'ministry' ? <BankOutlined /> : <UserOutlined />}
            </span>
            <span className="board-card-text">
              <span className="board-card-name">{board.name}</span>
              {board.unit && board.unit.name !== board.name && <span className="board-card-unit">{board.unit.name}</span>}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
