import { printType } from 'graphql';
import { buildSchema, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection } from './connection';
import { toPage } from './pagination';

@ObjectType()
class Parcel {
  @Field(() => ID)
  id: string;

  sentAt: Date;
}

@ObjectType({ description: 'A page of parcels.' })
class ParcelConnection extends Connection(Parcel) {}

@Resolver()
class ParcelResolver {
  @Query(() => ParcelConnection)
  parcels(): ParcelConnection {
    const rows = [
      { id: 'b', sentAt: new Date('2026-01-02') },
      { id: 'a', sentAt: new Date('2026-01-01') },
    ];
    return toPage(rows, 1, (row) => row.sentAt);
  }
}

describe('Connection(node)', () => {
  it('declares <Node>Edge and the connection with edges and pageInfo, and nothing else', async () => {
    const schema = await buildSchema({ resolvers: [ParcelResolver], validate: false });
    expect(printType(schema.getType('ParcelEdge')!)).toBe('type ParcelEdge {\n  cursor: String!\n  node: Parcel!\n}');
    expect(printType(schema.getType('ParcelConnection')!)).toBe(
      '"""A page of parcels."""\ntype ParcelConnection {\n  edges: [ParcelEdge!]!\n  pageInfo: PageInfo!\n}',
    );
    // The abstract base is not a type of the schema.
    expect(Object.keys(schema.getTypeMap()).filter((name) => name.startsWith('Parcel'))).toEqual(
      expect.arrayContaining(['Parcel', 'ParcelEdge', 'ParcelConnection']),
    );
    expect(Object.keys(schema.getTypeMap()).filter((name) => name.includes('ConnectionOf'))).toEqual([]);
  });
});
