export interface Paging {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  totalItems: number;
}

export const offsetOf = ({ page, pageSize }: Paging): number => (page - 1) * pageSize;
